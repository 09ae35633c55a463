app_name = "tenancy"
urlpatterns = []
