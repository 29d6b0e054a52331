"""The knowledge bank on PostgreSQL: Norwegian stemming (Bokmål and Nynorsk), ranking, safe
snippets, filters, and only what the signed-in user may see."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cohorts import services as cohort_services
from homework import services as homework_services
from homework.samples import pdf_bytes
from omdomme.knowledge.models import CaseAudience, DocumentKind, SearchDocument
from omdomme.knowledge.search import Filters, mark, search, search_page
from tests.factories import MembershipFactory

from .factories import GatheringFactory, case, file_material, odt_bytes, past_member, shared_homework

pytestmark = pytest.mark.django_db


def titles(user, text, **filters) -> list[str]:
    return [doc.title for doc in search(user, text, Filters(**filters))]


@pytest.fixture
def bank(world):
    """A 2010 municipality with a case and homework it shared with all cohorts; org B (2026) with
    homework shared with its own cohort only; a 2012 gathering's material."""
    cohort_2010, nordre_land, nl_contact = past_member(2010, "Nordre Land kommune", "kontakt@nordre-land.no", "3448")
    staff = world.staff
    case(
        nordre_land,
        cohort_2010,
        title="Landsbyutvikling i Nordre Land",
        summary="Kommunen satset på bygdene og innbyggernes egne prosjekter.",
    )
    pdf = SimpleUploadedFile(
        "tiltak.pdf", pdf_bytes("Alle kommunane i regionen deltok i arbeidet."), content_type="application/pdf"
    )
    beyond = shared_homework(cohort_2010, nordre_land, nl_contact, staff, upload=pdf, beyond=True, title="Tiltaksplan")
    member_b = world.contact_b
    only_cohort = shared_homework(
        world.cohort,
        world.org_b,
        member_b,
        staff,
        text="HEMMELIG-BETA: kommunens satsing på tilflytting",
        title="Beta sin analyse",
    )
    return {"beyond": beyond, "only_cohort": only_cohort, "nl_contact": nl_contact, "cohort_2010": cohort_2010}


def test_a_2026_contact_finds_a_2010_case_and_a_shared_file_by_an_inflected_word(world, bank):
    # "kommunene" (Bokmål, definite plural) finds "Kommunen" in the case and the Nynorsk "kommunane"
    # inside the 2010 team's PDF, which the 2026 contact may read as an alumnus.
    found = titles(world.contact_a, "kommunene")
    assert "Landsbyutvikling i Nordre Land" in found
    assert "Tiltaksplan – Nordre Land kommune" in found


def test_homework_shared_with_its_own_cohort_stays_there(world, bank):
    assert "Beta sin analyse – Beta kommune" in titles(world.contact_a, "tilflytting")  # same cohort (2026)
    assert titles(world.contact_c, "tilflytting") == []  # another organisation in 2025: not shared with them
    assert titles(world.outsider, "kommunene") == []  # no cohort, no alumni access


def test_nynorsk_words_are_found_as_written(world, bank):
    # The Nynorsk form finds the Nynorsk file and the Bokmål texts ("Kommunen", "kommunens").
    assert set(titles(world.contact_a, "kommunane")) == {
        "Tiltaksplan – Nordre Land kommune",
        "Landsbyutvikling i Nordre Land",
        "Beta sin analyse – Beta kommune",
    }
    doc = shared_homework(
        bank["cohort_2010"],
        bank["beyond"].organisation,
        bank["nl_contact"],
        world.staff,
        text="Eg trur ikkje at bygda kan vente. Me må handle no.",
        beyond=True,
        title="Refleksjon",
    )
    assert doc.pk
    # "ikkje" and "eg" are Nynorsk: the Bokmål stemmer would drop or miss them.
    assert titles(world.contact_a, "ikkje bygda") == ["Refleksjon – Nordre Land kommune"]


def test_results_are_ranked_title_first(world, bank):
    gathering = GatheringFactory(cohort=world.cohort)
    file_material(gathering, world.staff, title="Omdømme og kommunen", text="Lysark")
    found = titles(world.contact_a, "kommunen")
    assert found[0] == "Omdømme og kommunen"


def test_alumni_access_ended_by_staff_closes_what_was_shared_across_cohorts_only(world, bank):
    cohort_services.end_alumni_access(world.contact_a, actor=world.staff)
    found = titles(world.contact_a, "kommunene")
    assert "Tiltaksplan – Nordre Land kommune" not in found
    assert "Landsbyutvikling i Nordre Land" not in found
    assert "Beta sin analyse – Beta kommune" in found  # their own cohort stays open
    cohort_services.restore_alumni_access(world.contact_a, actor=world.staff)
    assert "Tiltaksplan – Nordre Land kommune" in titles(world.contact_a, "kommunene")


def test_withdrawn_consent_hides_the_work_beyond_its_cohort(world, bank):
    homework_services.withdraw_beyond_cohort(bank["beyond"], actor=bank["nl_contact"])
    assert "Tiltaksplan – Nordre Land kommune" not in titles(world.contact_a, "kommunene")
    assert "Tiltaksplan – Nordre Land kommune" in titles(bank["nl_contact"], "kommunene")  # own cohort


def test_filters(world, bank):
    assert titles(world.contact_a, "kommunene", year=2010, kind=DocumentKind.CASE) == ["Landsbyutvikling i Nordre Land"]
    assert titles(world.contact_a, "kommunene", year=2026) == ["Beta sin analyse – Beta kommune"]
    assert titles(world.contact_a, "kommunene", organisation_kind="regional_council") == []


def test_snippets_are_escaped_apart_from_the_highlight(world, bank):
    past_cohort = bank["cohort_2010"]
    case(
        bank["beyond"].organisation,
        past_cohort,
        title="Skriptsaken",
        summary='Om <script>alert("x")</script> ambassadørskolen & <b>fet</b> tekst',
        audience=CaseAudience.PUBLIC,
    )
    docs = search_page(world.contact_a, "ambassadørskolen", Filters(), 1, 20).object_list
    assert len(docs) == 1
    snippet = str(docs[0].snippet)
    assert "<mark>ambassadørskolen</mark>" in snippet
    # PostgreSQL drops what it parses as tags; everything else is escaped: no "<" but our marks.
    assert "<" not in snippet.replace("<mark>", "").replace("</mark>", "")
    assert "&amp;" in snippet


def test_mark_escapes_everything_but_its_own_marks():
    assert str(mark('<img src=x onerror="a()"> 1 < 2 \x02ord\x03')) == (
        "&lt;img src=x onerror=&quot;a()&quot;&gt; 1 &lt; 2 <mark>ord</mark>"
    )


def test_an_odt_file_is_searchable(world, bank):
    upload = SimpleUploadedFile(
        "svar.odt", odt_bytes("Innbyggarundersøkinga viste stoltheit"), content_type="application/octet-stream"
    )
    shared_homework(world.other_cohort, world.org_c, world.contact_c, world.staff, upload=upload, title="Undersøking")
    assert titles(world.contact_c, "innbyggarundersøkinga") == ["Undersøking – Gamma kommune"]


def test_the_search_page_shows_marked_results_to_the_signed_in_user(world, bank, client_for):
    response = client_for(world.contact_a).get(reverse("knowledge:search"), {"q": "kommunene"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Landsbyutvikling i Nordre Land" in body
    assert "<mark>" in body
    assert "HEMMELIG-BETA" in body  # shared with the 2026 cohort
    body_c = client_for(world.contact_c).get(reverse("knowledge:search"), {"q": "tilflytting"}).content.decode()
    assert "HEMMELIG-BETA" not in body_c


def test_search_page_queries_do_not_grow_with_results(world, client_for, django_assert_num_queries):
    cohort_2010, org, contact = past_member(2010, "Eidfjord kommune", "k@eidfjord.no", "4619")
    case(org, cohort_2010, title="Ambassadørskolen 1", summary="Ambassadørar for bygda")
    client = client_for(world.contact_a)
    url = reverse("knowledge:search")
    with django_assert_num_queries(QUERIES):
        assert client.get(url, {"q": "ambassadørar"}).status_code == 200
    for n in range(2, 12):
        case(org, cohort_2010, title=f"Ambassadørskolen {n}", summary="Ambassadørar for bygda")
    with django_assert_num_queries(QUERIES):
        response = client.get(url, {"q": "ambassadørar"})
    assert response.content.decode().count('class="search-result ') == 11
    page = search_page(world.contact_a, "ambassadørar", Filters(), 2, 10)
    assert (page.number, page.paginator.count, [d.title for d in page.object_list]) == (2, 11, ["Ambassadørskolen 11"])
    assert search_page(world.contact_a, "ambassadørar", Filters(), 9, 10).number == 1  # past the end


QUERIES = 6  # session, user, memberships (menu), cohort years, the page's ids and total, its rows


@pytest.fixture
def contact_c(world):
    return world.contact_c


@pytest.fixture(autouse=True)
def _contact_c(world):
    """The world has no user for org C (2025): add one."""
    from tests.factories import UserFactory

    world.extra["contact_c"] = UserFactory(email="kontakt.c@gamma.kommune.no")
    MembershipFactory(organisation=world.org_c, user=world.extra["contact_c"])


def test_index_rows_follow_their_objects(world, bank):
    assert SearchDocument.objects.filter(submission=bank["only_cohort"]).exists()
    homework_services.unshare(bank["only_cohort"], actor=world.contact_b)
    from omdomme.knowledge import indexing

    indexing.reindex("homework", bank["only_cohort"].pk)
    assert not SearchDocument.objects.filter(submission=bank["only_cohort"]).exists()
