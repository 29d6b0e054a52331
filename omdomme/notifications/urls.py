"""/epost/: the notifications area — the staff outbox, staff messages, reminder texts and packs.

The outbox views are this (bottom-layer) app's own; the message, reminder-text and pack views
belong to the top-level ``omdomme.reminders`` and ``omdomme.packs`` packages and are only mounted
here (a URL module is composition; nothing in the outbox's models or services imports them).
"""

from django.urls import path

from omdomme.packs import views as pack_views
from omdomme.reminders import views as reminder_views

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.outbox_list, name="outbox_list"),
    path("<int:pk>/", views.outbox_detail, name="outbox_detail"),
    path("<int:pk>/avbryt/", views.outbox_cancel, name="outbox_cancel"),
    path("<int:pk>/send-igjen/", views.outbox_resend, name="outbox_resend"),
    path("melding/", reminder_views.message_compose, name="message_compose"),
    path("paminnelser/", reminder_views.reminder_texts, name="reminder_texts"),
    path(
        "paminnelser/<int:cohort_pk>/<str:kind>/<str:language>/",
        reminder_views.reminder_text_edit,
        name="reminder_text_edit",
    ),
    path("pakker/", pack_views.pack_gatherings, name="pack_gatherings"),
    path("pakker/samling/<int:pk>/", pack_views.gathering_packs, name="gathering_packs"),
    path("pakker/samling/<int:pk>/lag/", pack_views.gathering_packs_generate, name="gathering_packs_generate"),
    path("pakker/samling/<int:pk>/framdrift/", pack_views.gathering_packs_progress, name="gathering_packs_progress"),
    path("pakker/samling/<int:pk>/alle.zip", pack_views.gathering_packs_zip, name="gathering_packs_zip"),
    path("pakker/<int:pk>/last-ned/", pack_views.pack_download, name="pack_download"),
    path("pakker/<int:gathering_pk>/<int:organisation_pk>/", pack_views.pack_mine, name="pack_mine"),
]
