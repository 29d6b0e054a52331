"""The knowledge bank's search: full-text on PostgreSQL, a simple fallback on SQLite (``make run``).

On PostgreSQL every word of the query must match, each either by its Norwegian stem ("kommunene"
and "kommunen" both become "kommun", and the stemmer also strips Nynorsk endings such as "-ane")
or as written (the ``simple`` configuration, for Nynorsk forms the Bokmål-oriented stemmer does not
know and for its stop words, such as "eg" or "ikkje"). Results are ranked; snippets come from
``ts_headline`` with control characters as highlight marks, so the snippet is HTML-escaped as a
whole and only our own ``<mark>`` tags are put back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet, RowRange, Window
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from omdomme.core import fragments

from .indexing import uses_postgres
from .models import SearchDocument

# The version of every cached search result; bumped by ``signals`` on any change the search reads.
SEARCH_SCOPE: fragments.Scope = ("knowledge", 0)
MAX_WORDS = 8
START, STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    method_step: str = ""
    organisation_kind: str = ""
    kind: str = ""

    def apply(self, qs: QuerySet[SearchDocument]) -> QuerySet[SearchDocument]:
        if self.year:
            qs = qs.filter(year=self.year)
        if self.method_step:
            qs = qs.filter(method_step=self.method_step)
        if self.organisation_kind:
            qs = qs.filter(organisation_kind=self.organisation_kind)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        return qs


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())[:MAX_WORDS]


def _query(words: list[str]) -> SearchQuery:
    query = None
    for word in words:
        part = SearchQuery(word, config="norwegian") | SearchQuery(word, config="simple")
        query = part if query is None else query & part
    return query


def search(user, text: str, filters: Filters = Filters()) -> QuerySet[SearchDocument]:
    """What the user may see that matches, best first (ranked on PostgreSQL, newest first on
    SQLite). Headlines are added per page with ``with_snippets``."""
    qs = filters.apply(SearchDocument.objects.visible_to(user))
    words = words_of(text)
    if not words:
        return qs.none()
    if uses_postgres():
        query = _query(words)
        return (
            qs.filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank", "-year", "pk")
            .defer("body", "vector")
        )
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(body__icontains=word)
    return qs.filter(condition).order_by("-year", "pk").defer("vector")


def search_page(user, text: str, filters: Filters, number, per_page: int) -> Page:
    """One page of results with their snippets, in two queries: the ranked ids of the page with the
    total, then those rows with their headlines.

    The total is a window over every match, so matching and the access rule run once. The window
    is ordered like the results (and spans all of them): the rank is then computed as the rows are
    read, and the window holds narrow (id, rank, year) rows. With a bare ``COUNT(*) OVER ()`` the
    planner puts off ``ts_rank`` until after the window, which then has to keep every match's whole
    vector (spilling to disk when a word is in thousands of documents)."""
    matches = search(user, text, filters)
    total = Window(Count("pk"), order_by=list(matches.query.order_by), frame=RowRange())
    ranked = matches.annotate(total=total).values_list("pk", "total")
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    found = list(ranked[(number - 1) * per_page : number * per_page])
    if not found and number > 1:  # past the end: show the first page
        number, found = 1, list(ranked[:per_page])
    paginator = Paginator([], per_page)
    paginator.count = found[0][1] if found else 0  # replaces the paginator's count query
    return Page(with_snippets([pk for pk, _total in found], text), number, paginator)


def mark(headline: str) -> SafeString:
    """Escape a headline and turn our control-character marks into ``<mark>`` elements."""
    return mark_safe(escape(headline).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _fallback_headline(body: str, words: list[str], width: int = 220) -> str:
    lower = body.lower()
    found = [i for i in (lower.find(w) for w in words) if i >= 0]
    start = max(0, min(found) - width // 3) if found else 0
    excerpt = body[start : start + width]
    for word in words:
        excerpt = re.sub(f"({re.escape(word)})", f"{START}\\1{STOP}", excerpt, flags=re.IGNORECASE)
    return ("… " if start else "") + excerpt + (" …" if start + width < len(body) else "")


def with_snippets(ids: list[int], text: str) -> list[SearchDocument]:
    """The documents with these ids, in this order, each with ``snippet``: a safe HTML excerpt with
    the matches marked. One query (``ts_headline`` is costly, so it runs only for a page's rows)."""
    words = words_of(text)
    if not ids or not words:
        return []
    rows = SearchDocument.objects.filter(pk__in=ids).defer("vector")
    if uses_postgres():
        headline = SearchHeadline(
            "body",
            _query(words),
            config="norwegian",
            start_sel=START,
            stop_sel=STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        docs = {doc.pk: doc for doc in rows.annotate(headline=headline)}
    else:
        docs = {doc.pk: doc for doc in rows}
        for doc in docs.values():
            doc.headline = _fallback_headline(doc.body, words)
    ordered = [docs[pk] for pk in ids if pk in docs]
    for doc in ordered:
        doc.snippet = mark(doc.headline)
    return ordered
