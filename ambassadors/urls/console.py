from ambassadors.urls import engagement, intake, support, terms

app_name = "ambassadors"
urlpatterns = [
    *intake.console_patterns,
    *terms.console_patterns,
    *engagement.console_patterns,
    *support.console_patterns,
]
