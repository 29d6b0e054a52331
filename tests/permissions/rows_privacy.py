"""Rows for privacy: a person's own data page and export; staff erasure."""

from django.urls import reverse

from tests.permissions.matrix import PUBLIC, SIGNED_IN, STAFF_ONLY, Row, expect

ROWS = [
    Row("privacy:policy", lambda w: reverse("privacy:policy"), PUBLIC),
    Row("privacy:my_data", lambda w: reverse("privacy:my_data"), SIGNED_IN),
    Row("privacy:export", lambda w: reverse("privacy:export"), SIGNED_IN),
    Row("privacy:people", lambda w: reverse("privacy:people"), STAFF_ONLY),
    Row("privacy:erase", lambda w: reverse("privacy:erase", args=[w.contact_b.pk]), STAFF_ONLY),
    Row(
        "privacy:erase",
        lambda w: reverse("privacy:erase", args=[w.contact_b.pk]),
        expect(302, 403, 403, 403, 403, 403),
        method="post",
        data=lambda w: {},
    ),
]
