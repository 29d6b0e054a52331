"""PDF rendering with WeasyPrint that fetches nothing from the network.

A bottom-layer utility used by participant packs and evaluation reports. Only ``data:`` URLs and
files inside our static directories (and, when asked, the private media root) may be loaded;
everything else is refused and left out of the document. Callers that render in a Celery task get
the task's time limit; render templates with inline SVG rather than remote images.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from weasyprint import HTML
from weasyprint.urls import URLFetcher


def _allowed_roots(include_media: bool) -> list[Path]:
    roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    if include_media:
        roots.append(Path(settings.MEDIA_ROOT).resolve())
    return roots


class SafeURLFetcher(URLFetcher):
    """Serve ``data:`` URLs and files under the allowed roots; refuse every other URL."""

    def __init__(self, *, include_media: bool = False, **kwargs):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=5, **kwargs)
        self._roots = _allowed_roots(include_media)

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in self._roots):
                raise ValueError(f"Refused to load {url}: outside the static files.")
        elif parsed.scheme != "data":
            raise ValueError(f"Refused to load {url}: only local static files may be used.")
        return super().fetch(url, headers)


def render_pdf(html: str, *, include_media: bool = False) -> bytes:
    """Render an HTML string to PDF bytes. Relative URLs resolve against ``static/``."""
    base_url = Path(settings.STATICFILES_DIRS[0]).resolve().as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=SafeURLFetcher(include_media=include_media))
    return document.write_pdf()
