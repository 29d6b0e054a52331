from django.urls import path

from .views import activity, applications, core, imports, invitations, invoicing, manage

app_name = "cohorts"
urlpatterns = [
    # Public
    path("omdommeskolen/", core.public_home, name="public_home"),
    path("omdommeskolen/sok/", applications.apply, name="apply"),
    path("omdommeskolen/sok/takk/", applications.apply_thanks, name="apply_thanks"),
    path("invitasjon/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    # Cohorts
    path("kull/", core.cohort_list, name="cohort_list"),
    path("kull/ny/", manage.cohort_create, name="cohort_create"),
    path("kull/<int:pk>/", core.cohort_detail, name="cohort_detail"),
    path("kull/<int:pk>/endre/", manage.cohort_edit, name="cohort_edit"),
    path("kull/<int:pk>/kopier/", manage.cohort_copy, name="cohort_copy"),
    path("kull/<int:pk>/roller/", manage.cohort_roles, name="cohort_roles"),
    path("kull/roller/<int:pk>/fjern/", manage.role_remove, name="role_remove"),
    path("kull/<int:pk>/pamelding/", manage.cohort_enrol, name="cohort_enrol"),
    path("kull/<int:pk>/invitasjoner/", invitations.cohort_invitations, name="cohort_invitations"),
    path("kull/<int:pk>/logg/", activity.cohort_activity, name="cohort_activity"),
    path("kull/<int:pk>/fakturagrunnlag/", invoicing.cohort_invoice_basis, name="cohort_invoice_basis"),
    path("kull/<int:pk>/fakturagrunnlag.<str:fmt>", invoicing.cohort_invoice_export, name="cohort_invoice_export"),
    # Enrolments
    path("deltakelse/<int:pk>/", core.enrolment_detail, name="enrolment_detail"),
    path("deltakelse/<int:pk>/trekk/", manage.enrolment_withdraw, name="enrolment_withdraw"),
    path("deltakelse/<int:pk>/team/", manage.enrolment_team, name="enrolment_team"),
    path("deltakelse/<int:pk>/mal/", manage.enrolment_goals, name="enrolment_goals"),
    # Organisations
    path("organisasjoner/", manage.organisation_list, name="organisation_list"),
    path("organisasjoner/ny/", manage.organisation_create, name="organisation_create"),
    path("organisasjoner/min/", core.my_organisation, name="my_organisation"),
    path("organisasjoner/import/", imports.import_upload, name="import_upload"),
    path("organisasjoner/import/bekreft/", imports.import_confirm, name="import_confirm"),
    path("organisasjoner/import/mal/", imports.import_template, name="import_template"),
    path("organisasjoner/<int:pk>/", core.organisation_detail, name="organisation_detail"),
    path("organisasjoner/<int:pk>/endre/", manage.organisation_edit, name="organisation_edit"),
    path("organisasjoner/<int:pk>/malform/", core.organisation_language, name="organisation_language"),
    path(
        "organisasjoner/<int:pk>/invitasjoner/", invitations.organisation_invitations, name="organisation_invitations"
    ),
    path("organisasjoner/<int:pk>/logg/", activity.organisation_activity, name="organisation_activity"),
    # Invitations
    path("invitasjoner/<int:pk>/send-igjen/", invitations.invitation_resend, name="invitation_resend"),
    path("invitasjoner/<int:pk>/trekk-tilbake/", invitations.invitation_revoke, name="invitation_revoke"),
    # Applications
    path("soknader/", applications.application_list, name="application_list"),
    path("soknader/<int:pk>/avgjor/", applications.application_decide, name="application_decide"),
    # Accounts for staff, advisors and evaluators
    path("personer/", manage.account_list, name="account_list"),
    path("personer/ny/", manage.account_create, name="account_create"),
    path("personer/<int:pk>/send-lenke/", manage.account_send_link, name="account_send_link"),
    path("personer/<int:pk>/aktiv/", manage.account_toggle_active, name="account_toggle_active"),
]
