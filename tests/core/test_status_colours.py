"""Status badges (issue 12, item 6): the families differ clearly, always carry text, and meet AA contrast."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "app.css").read_text(encoding="utf-8")


def _colours(status: str) -> tuple[str, str]:
    """(background, text colour) of ``.badge.<status>`` in app.css."""
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", CSS):
        if re.search(rf"\.badge\.{status}\b", selectors):
            background = re.search(r"background:\s*(#[0-9a-f]{6})", body).group(1)
            colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-f]{6})", body).group(1)
            return background, colour
    raise AssertionError(f"no .badge.{status} rule")


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _distance(a: str, b: str) -> float:
    return sum((int(a[i : i + 2], 16) - int(b[i : i + 2], 16)) ** 2 for i in (1, 3, 5)) ** 0.5


STATUSES = ["not-started", "draft", "submitted", "resubmitted", "returned", "approved", "late", "overdue", "failed"]


@pytest.mark.parametrize("status", STATUSES)
def test_every_status_badge_has_aa_text_contrast(status):
    background, colour = _colours(status)
    assert _contrast(background, colour) >= 4.5


@pytest.mark.parametrize(
    ("a", "b"),
    [("submitted", "not-started"), ("submitted", "draft"), ("approved", "submitted"), ("returned", "overdue")],
)
def test_statuses_that_mean_different_things_look_clearly_different(a, b):
    assert _distance(_colours(a)[0], _colours(b)[0]) >= 40


def test_submitted_and_not_started_always_carry_their_text():
    class _Submission:
        status = "submitted"
        is_late = False

        def get_status_display(self):
            return "Levert"

    with translation.override("nb"):
        submitted = render_to_string("homework/_status.html", {"submission": _Submission()})
        not_started = render_to_string("homework/_status.html", {"submission": None})
    assert '<span class="badge submitted">Levert</span>' in submitted
    assert '<span class="badge not-started">Ikke påbegynt</span>' in not_started
