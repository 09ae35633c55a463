from ambassadors.urls import engagement, intake, support, terms

app_name = "portal"
urlpatterns = [*intake.portal_patterns, *terms.portal_patterns, *engagement.portal_patterns, *support.portal_patterns]
