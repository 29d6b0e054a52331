"""Rows for cohorts: public pages, cohorts, organisations, enrolments."""

from django.urls import reverse

from tests.permissions.matrix import COHORT_MEMBERS, OWN_A_READ, PUBLIC, Row, expect

ROWS = [
    Row("cohorts:public_home", lambda w: reverse("cohorts:public_home"), PUBLIC, shares_cohort_data=True,
        leak_check=True),
    Row("cohorts:privacy", lambda w: reverse("cohorts:privacy"), PUBLIC),
    Row("cohorts:cohort_list", lambda w: reverse("cohorts:cohort_list"), expect(200, 200, 200, 200, 200, 200),
        shares_cohort_data=True),
    Row("cohorts:cohort_detail", lambda w: w.cohort.get_absolute_url(), COHORT_MEMBERS, shares_cohort_data=True),
    Row("cohorts:cohort_detail", lambda w: w.other_cohort.get_absolute_url(), expect(200, 404, 404, 404, 404, 404),
        label="other cohort"),
    Row("cohorts:organisation_detail", lambda w: w.org_a.get_absolute_url(), OWN_A_READ),
    Row("cohorts:organisation_detail", lambda w: w.org_c.get_absolute_url(), expect(200, 404, 404, 404, 404, 404),
        label="other cohort"),
    Row("cohorts:enrolment_detail", lambda w: w.enrolment_a.get_absolute_url(), OWN_A_READ),
]
