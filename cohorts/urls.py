from django.urls import path

from . import views

app_name = "cohorts"
urlpatterns = [
    path("omdommeskolen/", views.public_home, name="public_home"),
    path("personvern/", views.privacy, name="privacy"),
    path("kull/", views.cohort_list, name="cohort_list"),
    path("kull/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("organisasjoner/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("deltakelse/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
]
