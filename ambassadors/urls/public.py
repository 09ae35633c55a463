from ambassadors.urls import engagement, intake, terms

app_name = "links"
urlpatterns = [*intake.public_patterns, *terms.public_patterns, *engagement.public_patterns]
