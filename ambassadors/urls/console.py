from ambassadors.urls import engagement, intake, terms

app_name = "ambassadors"
urlpatterns = [*intake.console_patterns, *terms.console_patterns, *engagement.console_patterns]
