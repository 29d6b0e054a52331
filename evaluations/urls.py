from django.urls import path

from . import views

app_name = "evaluations"
urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("mine/", views.my_surveys, name="my_surveys"),
    path("ny/", views.survey_create, name="survey_create"),
    path("mal/", views.survey_from_template, name="survey_from_template"),
    path("<int:pk>/", views.survey_detail, name="survey_detail"),
    path("<int:pk>/rediger/", views.survey_edit, name="survey_edit"),
    path("<int:pk>/seksjoner/", views.section_add, name="section_add"),
    path("<int:pk>/sporsmal/ny/", views.question_add, name="question_add"),
    path("sporsmal/<int:pk>/", views.question_edit, name="question_edit"),
    path("sporsmal/<int:pk>/slett/", views.question_delete, name="question_delete"),
    path("sporsmal/<int:pk>/flytt/", views.question_move, name="question_move"),
    path("<int:pk>/kopi/", views.survey_copy, name="survey_copy"),
    path("<int:pk>/svar/", views.survey_answer, name="survey_answer"),
    path("<int:pk>/resultater/", views.survey_results, name="survey_results"),
    path("<int:pk>/sammenlign/", views.survey_compare, name="survey_compare"),
    path("<int:pk>/eksport.<str:fmt>", views.survey_export, name="survey_export"),
    path("<int:pk>/rapport/", views.survey_report, name="survey_report"),
    path("<int:pk>/rapport/<str:language>.pdf", views.survey_report_download, name="survey_report_download"),
    path("<int:pk>/svarprosent/", views.survey_rates, name="survey_rates"),
    path("<int:pk>/purring/", views.survey_remind, name="survey_remind"),
    path("indikatorer/", views.indicator_list, name="indicator_list"),
    path("indikatorer/ny/", views.indicator_create, name="indicator_create"),
    path("indikatorer/import/", views.measurement_import, name="measurement_import"),
    path("indikatorer/organisasjon/<int:pk>/", views.organisation_indicators, name="organisation_indicators"),
    path("indikatorer/maling/<int:pk>/slett/", views.measurement_delete, name="measurement_delete"),
]
