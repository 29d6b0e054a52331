from django.urls import path

from . import views

app_name = "homework"

urlpatterns = [
    path("", views.index, name="index"),
    # Assignments of a cohort (staff manage them).
    path("kull/<int:cohort_pk>/oppgaver/", views.assignment_list, name="assignment_list"),
    path("kull/<int:cohort_pk>/oppgaver/ny/", views.assignment_create, name="assignment_create"),
    path("kull/<int:cohort_pk>/oppgaver/metode/", views.method_set_create, name="method_set_create"),
    path("kull/<int:cohort_pk>/oppgaver/kopier/", views.assignment_copy, name="assignment_copy"),
    path("kull/<int:cohort_pk>/framdrift/", views.progress, name="progress"),
    path("kull/<int:cohort_pk>/galleri/", views.gallery, name="gallery"),
    path("oppgaver/<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("oppgaver/<int:pk>/endre/", views.assignment_edit, name="assignment_edit"),
    path("oppgaver/<int:pk>/publiser/", views.assignment_publish, name="assignment_publish"),
    path("oppgaver/<int:pk>/flytt/", views.assignment_move, name="assignment_move"),
    path("oppgaver/<int:pk>/innleveringer/", views.assignment_submissions, name="assignment_submissions"),
    path("oppgaver/<int:pk>/alle-filer.zip", views.assignment_zip, name="assignment_zip"),
    path("oppgaver/<int:pk>/utsettelser/", views.extension_grant, name="extension_grant"),
    path("oppgaver/<int:pk>/start/", views.submission_start, name="submission_start"),
    path("utsettelser/<int:pk>/slett/", views.extension_revoke, name="extension_revoke"),
    # One organisation's submission.
    path("innleveringer/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("innleveringer/<int:pk>/tekst/", views.submission_text, name="submission_text"),
    path("innleveringer/<int:pk>/filer/", views.file_upload, name="file_upload"),
    path("innleveringer/<int:pk>/lever/", views.submission_submit, name="submission_submit"),
    path("innleveringer/<int:pk>/returner/", views.submission_return, name="submission_return"),
    path("innleveringer/<int:pk>/godkjenn/", views.submission_approve, name="submission_approve"),
    path("innleveringer/<int:pk>/del/", views.submission_share, name="submission_share"),
    path("innleveringer/<int:pk>/avslutt-deling/", views.submission_unshare, name="submission_unshare"),
    path("innleveringer/<int:pk>/del-med-alle-kull/", views.submission_share_beyond, name="submission_share_beyond"),
    path("innleveringer/<int:pk>/trekk-samtykke/", views.submission_withdraw_beyond, name="submission_withdraw_beyond"),
    path("innleveringer/<int:pk>/tilbakemelding/", views.feedback_add, name="feedback_add"),
    path("filer/<int:pk>/", views.file_download, name="file_download"),
    path("filer/<int:pk>/ny-versjon/", views.file_replace, name="file_replace"),
    path("filer/<int:pk>/fjern/", views.file_remove, name="file_remove"),
    path("versjoner/<int:pk>/", views.version_download, name="version_download"),
    path("tilbakemelding/<int:pk>/vedlegg/", views.feedback_download, name="feedback_download"),
    path("galleri/<int:pk>/", views.gallery_detail, name="gallery_detail"),
]
