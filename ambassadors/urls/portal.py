from ambassadors.urls import engagement, intake, terms

app_name = "portal"
urlpatterns = [*intake.portal_patterns, *terms.portal_patterns, *engagement.portal_patterns]
