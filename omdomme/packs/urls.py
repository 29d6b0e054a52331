"""/epost/pakker/: participant packs (staff build them per gathering; contacts download their own)."""

from django.urls import path

from . import views

app_name = "packs"
urlpatterns = [
    path("pakker/", views.pack_gatherings, name="pack_gatherings"),
    path("pakker/samling/<int:pk>/", views.gathering_packs, name="gathering_packs"),
    path("pakker/samling/<int:pk>/lag/", views.gathering_packs_generate, name="gathering_packs_generate"),
    path("pakker/samling/<int:pk>/framdrift/", views.gathering_packs_progress, name="gathering_packs_progress"),
    path("pakker/samling/<int:pk>/alle.zip", views.gathering_packs_zip, name="gathering_packs_zip"),
    path("pakker/<int:pk>/last-ned/", views.pack_download, name="pack_download"),
    path("pakker/<int:gathering_pk>/<int:organisation_pk>/", views.pack_mine, name="pack_mine"),
]
