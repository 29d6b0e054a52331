"""The organisation page's cached part (``cohorts.scopes``) lists the resident surveys."""

from __future__ import annotations

from cohorts import scopes
from omdomme.core.fragments import connect_bumps

from .models import ResidentSurvey


def connect() -> None:
    connect_bumps(ResidentSurvey, lambda s: scopes.orgs(s.organisation_id), uid="org-residentsurvey")
