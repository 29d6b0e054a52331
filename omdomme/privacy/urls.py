from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("erklaering/", views.policy, name="policy"),
    path("eksport/", views.export, name="export"),
    path("personer/", views.people, name="people"),
    path("personer/<int:pk>/slett/", views.erase, name="erase"),
]
