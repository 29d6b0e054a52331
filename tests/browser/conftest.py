"""Browser tests: Playwright on Debian's Chromium against pytest-django's live server.

Every page a test visits is checked with axe-core (0 serious or critical violations) and
screenshotted into ``artifacts/screenshots/<test name>/NN-<step>.png`` (kept by CI as artefacts).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parents[2]
SCREENSHOT_ROOT = Path(os.environ.get("SCREENSHOT_DIR", REPO / "artifacts" / "screenshots"))
BLOCKING_IMPACTS = {"serious", "critical"}
# WCAG 2.2 AA (2.0, 2.1 and 2.2 rules, e.g. target-size) plus axe's best practices about real barriers.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
}
# With AXE_LOG=<file>, every checked page appends one JSON line (test, step, path, serious/critical count).
AXE_LOG = os.environ.get("AXE_LOG")

_axe = Axe()


def axe_violations(page) -> list[str]:
    """The serious/critical axe violations on the page, one readable line each."""
    results = _axe.run(page, options=AXE_OPTIONS)
    lines = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING_IMPACTS:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines


class Journey:
    """One test's walk through the site: ``step(name)`` screenshots and axe-checks the current page."""

    def __init__(self, page, base_url: str, name: str):
        self.page = page
        self.base_url = base_url
        self.folder = SCREENSHOT_ROOT / re.sub(r"[^\w.-]+", "_", name)
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0
        self.problems: list[str] = []
        self.visited: list[str] = []

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str, step: str):
        response = self.page.goto(self.url(path))
        assert response is not None and response.status < 400, f"{path}: HTTP {response and response.status}"
        self.step(step)
        return response

    def step(self, name: str) -> None:
        self.page.wait_for_load_state("load")
        self.count += 1
        self.page.screenshot(path=str(self.folder / f"{self.count:02d}-{name}.png"), full_page=True)
        path = self.page.url.removeprefix(self.base_url)
        self.visited.append(path)
        lines = axe_violations(self.page)
        for line in lines:
            self.problems.append(f"{name} ({path}): {line}")
        if AXE_LOG:
            record = {"test": self.folder.name, "step": name, "path": path}
            record.update(serious_critical=len(lines), rules=lines)
            with open(AXE_LOG, "a", encoding="utf-8") as log:
                log.write(json.dumps(record) + "\n")

    def assert_accessible(self) -> None:
        assert self.problems == [], "axe found serious/critical violations:\n" + "\n".join(self.problems)


@pytest.fixture
def browser_context_args(browser_context_args):
    """A Norwegian visitor on a laptop-sized screen."""
    return {**browser_context_args, "locale": "nb-NO", "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def journey(page, live_server, request):
    page.set_default_timeout(30_000)  # a shared 2-core machine can be slow
    j = Journey(page, live_server.url, request.node.name)
    yield j
    j.assert_accessible()


def login(journey: Journey, email: str, password: str) -> None:
    """Sign in through allauth's login page, by email."""
    page = journey.page
    journey.goto("/konto/login/", "login-page")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_url(re.compile(r".*/hjem/.*"))
    journey.step("home-after-login")


def switch_language(journey: Journey, code: str) -> None:
    page = journey.page
    page.locator(f"form.lang-switch button[value={code}]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)
    journey.step(f"language-{code}")


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching ``selector`` has focus, checking its focus is visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement && document.activeElement.matches(sel)", selector):
            outline = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
            )
            assert outline[0] != "none" or outline[2] != "none", f"{selector}: no visible focus indicator"
            assert_focus_not_obscured(page, selector)
            return
    raise AssertionError(f"{selector} cannot be reached with Tab within {limit} presses")


def assert_focus_not_obscured(page, what: str = "the focused element") -> None:
    """WCAG 2.4.11: the focused element is in the viewport and not hidden under a sticky or fixed header."""
    hidden = page.evaluate(
        """() => {
            const el = document.activeElement;
            const r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) return "has no size";
            const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
            const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 0), innerHeight - 1);
            if (r.bottom < 0 || r.top > innerHeight) return "is scrolled out of view";
            const top = document.elementFromPoint(x, y);
            const covered = top && top !== el && !el.contains(top) && !top.contains(el);
            if (covered) return "is covered by " + top.outerHTML.slice(0, 80);
            return "";
        }"""
    )
    assert hidden == "", f"{what} {hidden}"


README_SHOTS = REPO / "docs" / "screenshots"


def readme_screenshot(journey: Journey, name: str) -> None:
    """The README's picture of a role's main screen: the visible window, written to docs/screenshots/."""
    README_SHOTS.mkdir(parents=True, exist_ok=True)
    journey.page.wait_for_load_state("load")
    journey.page.screenshot(path=str(README_SHOTS / f"{name}.png"))
