app_name = "gatherings"
urlpatterns: list = []
