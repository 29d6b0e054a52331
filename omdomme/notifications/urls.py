"""/epost/: the staff outbox. Messages, reminder texts and packs are mounted beside it by
``omdomme/urls.py`` from their own apps (``reminders:``, ``packs:``)."""

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.outbox_list, name="outbox_list"),
    path("<int:pk>/", views.outbox_detail, name="outbox_detail"),
    path("<int:pk>/avbryt/", views.outbox_cancel, name="outbox_cancel"),
    path("<int:pk>/send-igjen/", views.outbox_resend, name="outbox_resend"),
]
