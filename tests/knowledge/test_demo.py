import pytest
from django.core.management import call_command

from omdomme.accounts.models import User
from omdomme.knowledge.models import CaseStory, SearchDocument
from omdomme.knowledge.search import search
from sessions.models import Material

pytestmark = pytest.mark.django_db


def test_seed_demo_has_the_seed_cases_and_2012_materials_and_they_are_found(capsys):
    call_command("seed_demo")
    counts = (CaseStory.objects.count(), Material.objects.count(), SearchDocument.objects.count())
    call_command("seed_demo")
    assert (CaseStory.objects.count(), Material.objects.count(), SearchDocument.objects.count()) == counts
    assert sorted(CaseStory.objects.values_list("organisation__name", "cohort__year")) == [
        ("Eidfjord", 2010),
        ("Kvinesdal", 2010),
        ("Nordre Land", 2009),
    ]
    assert set(Material.objects.values_list("gathering__cohort__year", flat=True)) == {2012}
    contact = User.objects.get(email="kontakt@fjordvik.kommune.no")  # Fjordvik is in this year's cohort
    assert [d.title for d in search(contact, "innbyggarundersøkingane")] == ["Innbyggarundersøkinga i Kvinesdal"]
    found = {d.title for d in search(contact, "lavthengende frukter")}
    assert "Evalueringene: fire lærdommer fra kommunene" in found
    assert any(d.kind == "homework" and "Lia kommune" in d.title for d in search(contact, "Lia"))
