from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("organisasjon/<int:pk>/", views.organisation, name="organisation"),
    path("organisasjon/<int:pk>/omdomme.pdf", views.organisation_pdf, name="organisation_pdf"),
    path("organisasjon/<int:pk>/eksport.<str:fmt>", views.organisation_export, name="organisation_export"),
    path(
        "organisasjon/<int:pk>/innbyggerundersokelse/ny/", views.resident_survey_create, name="resident_survey_create"
    ),
    path("innbyggerundersokelse/<int:pk>/", views.resident_survey, name="resident_survey"),
    path("innbyggerundersokelse/<int:pk>/qr.svg", views.resident_survey_qr, name="resident_survey_qr"),
    path("innbyggerundersokelse/<int:pk>/avslutt/", views.resident_survey_close, name="resident_survey_close"),
    path("svar/<str:token>/", views.answer, name="answer"),
    path("tidligere-kommunenummer/<int:pk>/slett/", views.former_number_delete, name="former_number_delete"),
]
