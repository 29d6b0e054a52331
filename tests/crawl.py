"""A breadth-first crawl of the site as one signed-in person, with Django's test client.

Every same-site link (``<a href>`` and GET forms without inputs the crawler would have to invent)
shown on a page is fetched once with GET; a link that answers 4xx for the person who was shown it
is a defect. Pages of the same route (URL name) are expanded at most ``expand_per_route`` times
and at most ``check_per_route`` distinct links of one route are fetched, which keeps the crawl
bounded on large data (links of one route differ only in their ids and filters). Downloads
are fetched but not parsed. Links that only make sense as POST (logout) and the Django admin are
skipped.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

SKIP_PREFIXES = ("/admin/", "/static/", "/konto/logout/", "/konto/3rdparty/", "/konto/social/")
SKIP_ROUTES = {"account_logout", "switch_language"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self._form: str | None = None

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        if tag == "a" and attr.get("href"):
            self.links.append(attr["href"])
        elif tag == "form" and (attr.get("method") or "get").lower() == "get":
            self.links.append(attr.get("action") or "")


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


@dataclass
class CrawlResult:
    shown: set[str] = field(default_factory=set)  # every distinct same-site link shown
    fetched: int = 0
    failures: dict[str, tuple[int, str]] = field(default_factory=dict)  # url -> (status, page that showed it)

    def summary(self) -> str:
        return f"{len(self.shown)} links shown, {len(self.failures)} answering 4xx"


def _route(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl(
    client: Client, start: str, *, expand_per_route: int = 3, check_per_route: int | None = 10, max_fetches: int = 3000
) -> CrawlResult:
    result = CrawlResult()
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    seen = {start}
    expanded: dict[str, int] = {}
    checked: dict[str, int] = {}
    while queue and result.fetched < max_fetches:
        url, source = queue.popleft()
        response = client.get(url)
        result.fetched += 1
        if 400 <= response.status_code < 500:
            result.failures[url] = (response.status_code, source)
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            target = urljoin(url, response["Location"])
            if urlsplit(target).netloc in ("", "testserver") and target not in seen:
                seen.add(target)
                queue.append((target, url))
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        if response.get("Content-Disposition", "").startswith("attachment"):
            continue
        route = _route(urlsplit(url).path) or url
        expanded[route] = expanded.get(route, 0) + 1
        if expanded[route] > expand_per_route:
            continue
        for href in links_in(response.content.decode()):
            link = urldefrag(urljoin(url, href.strip()))[0]
            parts = urlsplit(link)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            link_route = _route(parts.path)
            if not link or link.startswith(SKIP_PREFIXES) or link_route in SKIP_ROUTES:
                continue
            result.shown.add(link)
            if link in seen:
                continue
            key = link_route or link
            if check_per_route is not None and checked.get(key, 0) >= check_per_route:
                continue
            checked[key] = checked.get(key, 0) + 1
            seen.add(link)
            queue.append((link, url))
    return result
