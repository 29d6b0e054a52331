"""Rows for cohorts: public pages, cohorts, organisations, enrolments, invitations, import,
applications, the activity log and staff accounts."""

from django.urls import reverse

from cohorts.activity import record
from cohorts.models import Application, Cohort, CohortRole, Invitation, MembershipRole
from tests.permissions.matrix import (
    COHORT_MEMBERS,
    OWN_A_READ,
    OWN_A_WRITE_BY_TEAM,
    PUBLIC,
    STAFF_ONLY,
    Row,
    expect,
    redirect_ok,
)

# A cohort's staff pages: staff may; people who see the cohort get 403; others 404.
COHORT_STAFF = expect(200, 403, 403, 403, 403, 404)
# Staff pages on org A's objects (seen by A's contacts and the cohort's advisors/evaluators).
OWN_A_STAFF = expect(200, 403, 403, 403, 404, 404)
STAFF_POST = redirect_ok(STAFF_ONLY)
PUBLIC_POST = expect(302, 302, 302, 302, 302, 302, 302)
NOT_ALLOWED = expect(405, 405, 405, 405, 405, 405)
PUBLIC_NOT_ALLOWED = expect(405, 405, 405, 405, 405, 405, 405)
# An invitation is seen by staff and by the members of its organisation only (advisors: 404).
INVITATION_A = expect(200, 404, 404, 200, 404, 404)
INVITATION_B = expect(200, 404, 404, 404, 200, 404)


def extend(world) -> None:
    world.extra["invitation_a"] = Invitation.objects.create(
        organisation=world.org_a, cohort=world.cohort, email="ny.person@alfa.kommune.no", invited_by=world.staff
    )
    world.extra["invitation_b"] = Invitation.objects.create(
        organisation=world.org_b,
        cohort=world.cohort,
        email="invitert.b@beta.kommune.no",
        role=MembershipRole.CONTACT,
        invited_by=world.staff,
    )
    world.extra["open_cohort"] = Cohort.objects.create(year=2027, name="Omdømmeskolen 2027", open_for_applications=True)
    world.extra["application"] = Application.objects.create(
        cohort=world.extra["open_cohort"],
        organisation_name="Søkerstad kommune",
        contact_name="Siv Søker",
        contact_email="siv@sokerstad.kommune.no",
        motivation="Vi vil bli bedre.",
    )
    world.extra["advisor_role"] = CohortRole.objects.get(cohort=world.cohort, user=world.advisor)
    record(
        world.staff,
        "enrolment.created",
        "Meldte på Beta kommune HEMMELIG-LOGG-B",
        cohort=world.cohort,
        organisation=world.org_b,
    )
    world.secrets_b.extend(["invitert.b@beta.kommune.no", "HEMMELIG-LOGG-B"])


def _cohort_data(w) -> dict:
    return {
        "name": "Omdømmeskolen 2030",
        "year": "2030",
        "status": "planning",
        "fee": "15000",
        "booking_cancel_hours": "24",
    }


def _org_data(w) -> dict:
    return {"name": "Nykommune", "kind": "municipality", "municipality_number": "7777"}


ROWS = [
    Row(
        "cohorts:public_home",
        lambda w: reverse("cohorts:public_home"),
        PUBLIC,
        shares_cohort_data=True,
        leak_check=True,
    ),
    Row(
        "cohorts:cohort_list",
        lambda w: reverse("cohorts:cohort_list"),
        expect(200, 200, 200, 200, 200, 200),
        shares_cohort_data=True,
    ),
    Row("cohorts:cohort_detail", lambda w: w.cohort.get_absolute_url(), COHORT_MEMBERS, shares_cohort_data=True),
    Row(
        "cohorts:cohort_detail",
        lambda w: w.other_cohort.get_absolute_url(),
        expect(200, 404, 404, 404, 404, 404),
        label="other cohort",
    ),
    Row("cohorts:organisation_detail", lambda w: w.org_a.get_absolute_url(), OWN_A_READ),
    Row(
        "cohorts:organisation_detail",
        lambda w: w.org_c.get_absolute_url(),
        expect(200, 404, 404, 404, 404, 404),
        label="other cohort",
    ),
    Row("cohorts:enrolment_detail", lambda w: w.enrolment_a.get_absolute_url(), OWN_A_READ),
    # Public application form (the POST row fills in the honeypot, so nothing is saved)
    Row("cohorts:apply", lambda w: reverse("cohorts:apply"), PUBLIC),
    Row(
        "cohorts:apply",
        lambda w: reverse("cohorts:apply"),
        PUBLIC_POST,
        method="post",
        login_redirect=False,
        data=lambda w: {
            "organisation_name": "Ny søker kommune",
            "organisation_kind": "municipality",
            "contact_name": "Per Søker",
            "contact_email": "per@soker.no",
            "motivation": "Fordi.",
            "website": "http://spam.example",
        },
        label="honeypot",
    ),
    Row("cohorts:apply_thanks", lambda w: reverse("cohorts:apply_thanks"), PUBLIC),
    # Invitation link
    Row("cohorts:invitation_accept", lambda w: w.invitation_a.get_accept_url(), PUBLIC),
    # (The matrix counts any anonymous write as a refusal: these POSTs are the ones that save nothing;
    # the saving paths are tested in tests/cohorts.)
    Row(
        "cohorts:invitation_accept",
        lambda w: w.invitation_a.get_accept_url(),
        PUBLIC,
        method="post",
        data=lambda w: {"full_name": "Ny Person", "password1": "Lang-og-trygg-42", "password2": "Annet-passord-42"},
    ),
    # Cohort management
    Row("cohorts:cohort_create", lambda w: reverse("cohorts:cohort_create"), STAFF_ONLY),
    Row(
        "cohorts:cohort_create",
        lambda w: reverse("cohorts:cohort_create"),
        STAFF_POST,
        method="post",
        data=_cohort_data,
    ),
    Row("cohorts:cohort_edit", lambda w: reverse("cohorts:cohort_edit", args=[w.cohort.pk]), COHORT_STAFF),
    Row(
        "cohorts:cohort_edit",
        lambda w: reverse("cohorts:cohort_edit", args=[w.cohort.pk]),
        redirect_ok(COHORT_STAFF),
        method="post",
        data=_cohort_data,
    ),
    Row("cohorts:cohort_copy", lambda w: reverse("cohorts:cohort_copy", args=[w.cohort.pk]), COHORT_STAFF),
    Row(
        "cohorts:cohort_copy",
        lambda w: reverse("cohorts:cohort_copy", args=[w.cohort.pk]),
        redirect_ok(COHORT_STAFF),
        method="post",
        data=lambda w: {"source": w.other_cohort.pk},
    ),
    Row("cohorts:cohort_roles", lambda w: reverse("cohorts:cohort_roles", args=[w.cohort.pk]), COHORT_STAFF),
    Row(
        "cohorts:cohort_roles",
        lambda w: reverse("cohorts:cohort_roles", args=[w.cohort.pk]),
        redirect_ok(COHORT_STAFF),
        method="post",
        data=lambda w: {"user": w.staff.pk, "role": "evaluator"},
    ),
    Row("cohorts:role_remove", lambda w: reverse("cohorts:role_remove", args=[w.advisor_role.pk]), COHORT_STAFF),
    Row(
        "cohorts:role_remove",
        lambda w: reverse("cohorts:role_remove", args=[w.advisor_role.pk]),
        redirect_ok(COHORT_STAFF),
        method="post",
        data=lambda w: {"confirmed": "1"},
    ),
    Row(
        "cohorts:cohort_enrol", lambda w: reverse("cohorts:cohort_enrol", args=[w.cohort.pk]) + "?q=Gamma", COHORT_STAFF
    ),
    Row(
        "cohorts:cohort_enrol",
        lambda w: reverse("cohorts:cohort_enrol", args=[w.cohort.pk]),
        redirect_ok(COHORT_STAFF),
        method="post",
        data=lambda w: {"organisation": w.org_c.pk},
    ),
    Row(
        "cohorts:cohort_invitations", lambda w: reverse("cohorts:cohort_invitations", args=[w.cohort.pk]), COHORT_STAFF
    ),
    Row("cohorts:cohort_activity", lambda w: reverse("cohorts:cohort_activity", args=[w.cohort.pk]), COHORT_STAFF),
    Row(
        "cohorts:cohort_invoice_basis",
        lambda w: reverse("cohorts:cohort_invoice_basis", args=[w.cohort.pk]),
        COHORT_STAFF,
    ),
    Row(
        "cohorts:cohort_invoice_export",
        lambda w: reverse("cohorts:cohort_invoice_export", args=[w.cohort.pk, "xlsx"]),
        COHORT_STAFF,
    ),
    # Enrolments
    Row(
        "cohorts:enrolment_withdraw",
        lambda w: reverse("cohorts:enrolment_withdraw", args=[w.enrolment_a.pk]),
        OWN_A_STAFF,
    ),
    Row(
        "cohorts:enrolment_withdraw",
        lambda w: reverse("cohorts:enrolment_withdraw", args=[w.enrolment_a.pk]),
        redirect_ok(OWN_A_STAFF),
        method="post",
        data=lambda w: {"confirmed": "1"},
    ),
    Row("cohorts:enrolment_team", lambda w: reverse("cohorts:enrolment_team", args=[w.enrolment_a.pk]), OWN_A_STAFF),
    Row(
        "cohorts:enrolment_team",
        lambda w: reverse("cohorts:enrolment_team", args=[w.enrolment_a.pk]),
        redirect_ok(OWN_A_STAFF),
        method="post",
        data=lambda w: {"team": [w.contact_a.pk]},
    ),
    Row(
        "cohorts:enrolment_goals",
        lambda w: reverse("cohorts:enrolment_goals", args=[w.enrolment_a.pk]),
        OWN_A_WRITE_BY_TEAM,
    ),
    Row(
        "cohorts:enrolment_goals",
        lambda w: reverse("cohorts:enrolment_goals", args=[w.enrolment_a.pk]),
        redirect_ok(OWN_A_WRITE_BY_TEAM),
        method="post",
        data=lambda w: {"goals": "Nye mål."},
    ),
    # Organisations
    Row(
        "cohorts:organisation_list",
        lambda w: reverse("cohorts:organisation_list") + "?q=a&kind=municipality",
        STAFF_ONLY,
    ),
    Row("cohorts:organisation_create", lambda w: reverse("cohorts:organisation_create"), STAFF_ONLY),
    Row(
        "cohorts:organisation_create",
        lambda w: reverse("cohorts:organisation_create"),
        STAFF_POST,
        method="post",
        data=_org_data,
    ),
    Row("cohorts:organisation_edit", lambda w: reverse("cohorts:organisation_edit", args=[w.org_a.pk]), OWN_A_STAFF),
    Row(
        "cohorts:organisation_edit",
        lambda w: reverse("cohorts:organisation_edit", args=[w.org_a.pk]),
        redirect_ok(OWN_A_STAFF),
        method="post",
        data=_org_data,
    ),
    Row(
        "cohorts:organisation_activity",
        lambda w: reverse("cohorts:organisation_activity", args=[w.org_a.pk]),
        OWN_A_STAFF,
    ),
    # The language decision: staff and the organisation's contact persons.
    Row(
        "cohorts:organisation_language",
        lambda w: reverse("cohorts:organisation_language", args=[w.org_a.pk]),
        OWN_A_WRITE_BY_TEAM,
    ),
    Row(
        "cohorts:organisation_language",
        lambda w: reverse("cohorts:organisation_language", args=[w.org_a.pk]),
        redirect_ok(OWN_A_WRITE_BY_TEAM),
        method="post",
        data=lambda w: {"language_form": "nn"},
    ),
    Row(
        "cohorts:organisation_language",
        lambda w: reverse("cohorts:organisation_language", args=[w.org_b.pk]),
        expect(200, 403, 403, 404, 200, 404),
        label="org B",
    ),
    Row(
        "cohorts:organisation_activity",
        lambda w: reverse("cohorts:organisation_activity", args=[w.org_b.pk]),
        expect(200, 403, 403, 404, 403, 404),
        label="org B",
        leak_check=True,
    ),
    Row("cohorts:my_organisation", lambda w: reverse("cohorts:my_organisation"), expect(200, 200, 200, 302, 302, 200)),
    # Invitations
    Row(
        "cohorts:organisation_invitations",
        lambda w: reverse("cohorts:organisation_invitations", args=[w.org_a.pk]),
        OWN_A_WRITE_BY_TEAM,
    ),
    Row(
        "cohorts:organisation_invitations",
        lambda w: reverse("cohorts:organisation_invitations", args=[w.org_a.pk]),
        redirect_ok(OWN_A_WRITE_BY_TEAM),
        method="post",
        data=lambda w: {
            "email": "ny.kollega@alfa.kommune.no",
            "full_name": "Ny Kollega",
            "role": "member",
            "language": "nn",
        },
    ),
    Row(
        "cohorts:organisation_invitations",
        lambda w: reverse("cohorts:organisation_invitations", args=[w.org_b.pk]),
        expect(200, 403, 403, 404, 200, 404),
        label="org B",
    ),
    Row(
        "cohorts:invitation_resend",
        lambda w: reverse("cohorts:invitation_resend", args=[w.invitation_a.pk]),
        redirect_ok(INVITATION_A),
    ),
    Row(
        "cohorts:invitation_resend",
        lambda w: reverse("cohorts:invitation_resend", args=[w.invitation_a.pk]),
        redirect_ok(INVITATION_A),
        method="post",
        data=lambda w: {"next": "//evil.example/"},
    ),
    Row(
        "cohorts:invitation_revoke",
        lambda w: reverse("cohorts:invitation_revoke", args=[w.invitation_a.pk]),
        INVITATION_A,
    ),
    Row(
        "cohorts:invitation_revoke",
        lambda w: reverse("cohorts:invitation_revoke", args=[w.invitation_a.pk]),
        redirect_ok(INVITATION_A),
        method="post",
        data=lambda w: {"confirmed": "1"},
    ),
    Row(
        "cohorts:invitation_revoke",
        lambda w: reverse("cohorts:invitation_revoke", args=[w.invitation_b.pk]),
        redirect_ok(INVITATION_B),
        method="post",
        data=lambda w: {"confirmed": "1"},
        label="org B",
    ),
    # Import
    Row("cohorts:import_upload", lambda w: reverse("cohorts:import_upload"), STAFF_ONLY),
    Row("cohorts:import_upload", lambda w: reverse("cohorts:import_upload"), STAFF_ONLY, method="post"),
    Row("cohorts:import_confirm", lambda w: reverse("cohorts:import_confirm"), STAFF_POST, method="post"),
    Row("cohorts:import_confirm", lambda w: reverse("cohorts:import_confirm"), NOT_ALLOWED),
    Row("cohorts:import_template", lambda w: reverse("cohorts:import_template") + "?format=xlsx", STAFF_ONLY),
    # Applications
    Row("cohorts:application_list", lambda w: reverse("cohorts:application_list") + "?status=all", STAFF_ONLY),
    Row(
        "cohorts:application_decide",
        lambda w: reverse("cohorts:application_decide", args=[w.application.pk]),
        STAFF_POST,
        method="post",
        data=lambda w: {"decision": "accept"},
    ),
    Row(
        "cohorts:application_decide",
        lambda w: reverse("cohorts:application_decide", args=[w.application.pk]),
        NOT_ALLOWED,
    ),
    # Accounts for staff, advisors and evaluators
    Row("cohorts:account_list", lambda w: reverse("cohorts:account_list"), STAFF_ONLY),
    Row("cohorts:account_create", lambda w: reverse("cohorts:account_create"), STAFF_ONLY),
    Row(
        "cohorts:account_create",
        lambda w: reverse("cohorts:account_create"),
        STAFF_POST,
        method="post",
        data=lambda w: {
            "email": "ny.radgiver@example.no",
            "full_name": "Ny Rådgiver",
            "language": "nb",
            "is_advisor": "on",
        },
    ),
    Row(
        "cohorts:account_send_link",
        lambda w: reverse("cohorts:account_send_link", args=[w.advisor.pk]),
        STAFF_POST,
        method="post",
    ),
    Row("cohorts:account_send_link", lambda w: reverse("cohorts:account_send_link", args=[w.advisor.pk]), NOT_ALLOWED),
    Row(
        "cohorts:account_toggle_active",
        lambda w: reverse("cohorts:account_toggle_active", args=[w.advisor.pk]),
        STAFF_ONLY,
    ),
    Row(
        "cohorts:account_toggle_active",
        lambda w: reverse("cohorts:account_toggle_active", args=[w.advisor.pk]),
        STAFF_POST,
        method="post",
        data=lambda w: {"confirmed": "1"},
    ),
    # Read-only pages refuse writes.
    *[
        Row(name, url, PUBLIC_NOT_ALLOWED, method="post", label="read-only", login_redirect=False)
        for name, url in [
            ("cohorts:public_home", lambda w: reverse("cohorts:public_home")),
            ("cohorts:apply_thanks", lambda w: reverse("cohorts:apply_thanks")),
        ]
    ],
    *[
        Row(name, url, NOT_ALLOWED, method="post", label="read-only")
        for name, url in [
            ("cohorts:cohort_list", lambda w: reverse("cohorts:cohort_list")),
            ("cohorts:cohort_detail", lambda w: w.cohort.get_absolute_url()),
            ("cohorts:organisation_detail", lambda w: w.org_a.get_absolute_url()),
            ("cohorts:enrolment_detail", lambda w: w.enrolment_a.get_absolute_url()),
            ("cohorts:my_organisation", lambda w: reverse("cohorts:my_organisation")),
            ("cohorts:organisation_list", lambda w: reverse("cohorts:organisation_list")),
            ("cohorts:account_list", lambda w: reverse("cohorts:account_list")),
            ("cohorts:cohort_invitations", lambda w: reverse("cohorts:cohort_invitations", args=[w.cohort.pk])),
            ("cohorts:cohort_activity", lambda w: reverse("cohorts:cohort_activity", args=[w.cohort.pk])),
            ("cohorts:cohort_invoice_basis", lambda w: reverse("cohorts:cohort_invoice_basis", args=[w.cohort.pk])),
            ("cohorts:organisation_activity", lambda w: reverse("cohorts:organisation_activity", args=[w.org_a.pk])),
            ("cohorts:application_list", lambda w: reverse("cohorts:application_list")),
            ("cohorts:import_template", lambda w: reverse("cohorts:import_template")),
        ]
    ],
]
