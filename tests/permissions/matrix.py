"""Rows of the permission matrix: one per URL (and method), with the expected status per persona.

Each app keeps its rows in ``tests/permissions/rows_<app>.py`` as ``ROWS``; it may also define
``extend(world)`` to add its objects (and org B's secrets) to the world before the rows run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.world import PERSONAS, World


@dataclass
class Row:
    name: str  # the URL name, e.g. "cohorts:cohort_detail"
    url: Callable[[World], str]
    expect: dict[str, int]
    method: str = "get"
    data: Callable[[World], dict] | None = None
    label: str = ""  # tells rows for the same URL name apart
    leak_check: bool = True  # pages for contact_a/outsider must not show org B's secrets
    shares_cohort_data: bool = False  # contact_a may legitimately see org B's name here
    login_redirect: bool = True  # an anonymous 302 must go to the login page
    extra_secrets: Callable[[World], list[str]] = field(default=lambda w: [])

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name}{' ' + self.label if self.label else ''}"

    def __post_init__(self) -> None:
        missing = set(PERSONAS) - set(self.expect)
        if missing:
            raise ValueError(f"{self.id}: no expected status for {sorted(missing)}")


def expect(
    staff: int, advisor: int, evaluator: int, contact_a: int, contact_b: int, outsider: int, anonymous: int = 302
) -> dict[str, int]:
    return {
        "staff": staff,
        "advisor": advisor,
        "evaluator": evaluator,
        "contact_a": contact_a,
        "contact_b": contact_b,
        "outsider": outsider,
        "anonymous": anonymous,
    }


# Common shapes. "Own A" means: an object that belongs to org A in the shared cohort.
PUBLIC = expect(200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = expect(200, 200, 200, 200, 200, 200)
STAFF_ONLY = expect(200, 403, 403, 403, 403, 403)
STAFF_ONLY_OBJECT = expect(200, 404, 404, 404, 404, 404)
COHORT_MEMBERS = expect(200, 200, 200, 200, 200, 404)
OWN_A_READ = expect(200, 200, 200, 200, 404, 404)
OWN_A_WRITE_BY_TEAM = expect(200, 403, 403, 200, 404, 404)


def redirect_ok(codes: dict[str, int]) -> dict[str, int]:
    """The same shape where a successful POST answers with a redirect (302) instead of 200."""
    return {persona: (302 if code == 200 else code) for persona, code in codes.items()}
