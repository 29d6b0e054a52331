"""/epost/melding/ and /epost/paminnelser/: staff messages and the reminder texts per cohort."""

from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("melding/", views.message_compose, name="message_compose"),
    path("paminnelser/", views.reminder_texts, name="reminder_texts"),
    path(
        "paminnelser/<int:cohort_pk>/<str:kind>/<str:language>/",
        views.reminder_text_edit,
        name="reminder_text_edit",
    ),
]
