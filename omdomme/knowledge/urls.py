from django.urls import path

from .views import alumni, cases, materials, search

app_name = "knowledge"
urlpatterns = [
    path("", search.search_view, name="search"),
    path("erfaringer/", cases.case_list, name="case_list"),
    path("erfaringer/ny/", cases.case_create, name="case_create"),
    path("erfaringer/<int:pk>/", cases.case_detail, name="case_detail"),
    path("erfaringer/<int:pk>/rediger/", cases.case_edit, name="case_edit"),
    path("erfaringer/<int:pk>/publiser/", cases.case_publish, name="case_publish"),
    path("erfaringer/<int:pk>/slett/", cases.case_delete, name="case_delete"),
    path("samling/<int:pk>/materiell/", materials.gathering_materials, name="gathering_materials"),
    path("samling/<int:pk>/materiell/nytt/", materials.material_create, name="material_create"),
    path("materiell/<int:pk>/rediger/", materials.material_edit, name="material_edit"),
    path("materiell/<int:pk>/publiser/", materials.material_publish, name="material_publish"),
    path("materiell/<int:pk>/slett/", materials.material_delete, name="material_delete"),
    path("alumni/", alumni.alumni_list, name="alumni_list"),
    path("alumni/<int:pk>/avslutt/", alumni.alumni_end, name="alumni_end"),
    path("alumni/<int:pk>/gjenopprett/", alumni.alumni_restore, name="alumni_restore"),
]
