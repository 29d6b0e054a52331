"""The strict CSP forbids inline code, so no template of ours may contain any: no ``<script>`` without
``src``, no ``<style>`` blocks, no ``style=`` attributes and no ``on…=`` event handler attributes.

Email and PDF templates are never served to a browser under our CSP; they may use ``<style>`` and
``style=`` (mail clients and WeasyPrint need them) — never scripts or handlers. They must live in
one of the allow-listed directories below.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".venv", "venv", "node_modules", "artifacts", "staticfiles", "var", ".git", "backups"}
# Directories whose templates may carry styles (relative paths, fnmatch patterns).
STYLE_ALLOWED = ["templates/emails/*", "*/templates/emails/*", "*/templates/pdf/*", "*/templates/*/pdf/*"]

TAG = re.compile(r"<[a-zA-Z][^<>]*>", re.S)
SCRIPT_OPEN = re.compile(r"<script\b([^>]*)>", re.I)
STYLE_BLOCK = re.compile(r"<style\b", re.I)
STYLE_ATTR = re.compile(r"\sstyle\s*=", re.I)
HANDLER_ATTR = re.compile(r"\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""\s(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def template_files() -> list[Path]:
    found = []
    for path in REPO.rglob("*"):
        rel = path.relative_to(REPO)
        if rel.parts and rel.parts[0] in SKIP_DIRS:
            continue
        if path.is_file() and "templates" in rel.parts and path.suffix in {".html", ".txt", ".svg", ".xml"}:
            found.append(path)
    return sorted(found)


def inline_code(text: str, styles_allowed: bool = False) -> list[str]:
    """Every inline-code finding in a template's text, as ``line N: what``."""
    problems = []

    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    for match in SCRIPT_OPEN.finditer(text):
        if not re.search(r"\ssrc\s*=", match.group(1), re.I):
            problems.append(f"line {line_of(match.start())}: <script> without src")
    if not styles_allowed:
        for match in STYLE_BLOCK.finditer(text):
            problems.append(f"line {line_of(match.start())}: <style> block")
    for tag in TAG.finditer(text):
        body = tag.group(0)
        if not styles_allowed and STYLE_ATTR.search(body):
            problems.append(f"line {line_of(tag.start())}: style= attribute")
        if HANDLER_ATTR.search(body):
            problems.append(f"line {line_of(tag.start())}: on…= event handler")
        if JS_URL.search(body):
            problems.append(f"line {line_of(tag.start())}: javascript: URL")
    return problems


def styles_allowed(rel: str) -> bool:
    return any(fnmatch.fnmatch(rel, pattern) for pattern in STYLE_ALLOWED)


def test_templates_are_found():
    names = {p.relative_to(REPO).as_posix() for p in template_files()}
    assert "templates/base.html" in names
    assert "templates/allauth/layouts/base.html" in names


def test_no_template_contains_inline_js_or_css():
    findings = []
    for path in template_files():
        rel = path.relative_to(REPO).as_posix()
        for problem in inline_code(path.read_text(encoding="utf-8", errors="replace"), styles_allowed(rel)):
            findings.append(f"{rel} {problem}")
    assert findings == []


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script type="module">x()</script>',
        "<style>p{color:red}</style>",
        '<p style="color:red">x</p>',
        '<button onclick="go()">x</button>',
        '<body\n  onload="go()">',
        '<a href="javascript:go()">x</a>',
    ],
)
def test_the_scanner_catches_inline_code(snippet):
    assert inline_code(snippet) != []


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/js/app.js" defer></script>',
        '<p class="on">Person=1 and onward</p>',
        '<input name="stylesheet" data-online="1">',
        "<a href=\"{% url 'x' %}\">lenke</a>",
    ],
)
def test_the_scanner_allows_safe_markup(snippet):
    assert inline_code(snippet) == []


def test_email_and_pdf_directories_may_style_but_never_script():
    assert styles_allowed("homework/templates/emails/reminder.html")
    assert styles_allowed("sessions/templates/gatherings/pdf/pack.html")
    assert not styles_allowed("cohorts/templates/cohorts/cohort_detail.html")
    assert inline_code("<style>p{}</style><td style='x'>", styles_allowed=True) == []
    assert inline_code('<td onclick="x()">', styles_allowed=True) != []
