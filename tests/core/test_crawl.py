"""Never a link the viewer may not follow: every demo persona's pages, crawled breadth-first from
their home page, show no same-site link that answers 4xx for them (issue 12, item 2).

One test seeds the demo once and crawls every persona; per route at most a few links are fetched
and pages expanded (``tests/crawl.py``), so the crawl stays bounded while every kind of link is
followed."""

from __future__ import annotations

import logging

import pytest
from django.core.management import call_command
from django.test import Client

from omdomme.accounts.models import User
from tests.crawl import crawl

PERSONAS = {
    "staff": "stab@omdommeskolen.no",
    "advisor": "radgiver@omdommeskolen.no",
    "evaluator": "evaluator@omdommeskolen.no",
    "contact": "kontakt@fjordvik.kommune.no",
    "team member": "team@fjordvik.kommune.no",
    "visitor": None,
}


@pytest.mark.django_db
def test_no_persona_is_shown_a_link_that_answers_4xx(capsys):
    call_command("seed_demo", stdout=None)
    capsys.readouterr()
    failures = {}
    logging.disable(logging.WARNING)  # every 404 would be logged; the failures are listed below
    try:
        for persona, email in PERSONAS.items():
            client = Client(raise_request_exception=False)
            if email:
                client.force_login(User.objects.get(email=email))
            result = crawl(client, "/hjem/" if email else "/", expand_per_route=2, check_per_route=4)
            print(f"crawl {persona}: {result.summary()} ({result.fetched} fetched)")
            assert result.fetched > 5, f"{persona}: the crawl found almost nothing"
            failures.update({f"{persona}: {url}": hit for url, hit in result.failures.items()})
    finally:
        logging.disable(logging.NOTSET)
    assert failures == {}
