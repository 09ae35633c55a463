from ambassadors.urls import engagement, intake, support, terms

app_name = "links"
urlpatterns = [*intake.public_patterns, *terms.public_patterns, *engagement.public_patterns, *support.public_patterns]
