"""The organisation page's cached part (``cohorts.scopes``) lists the packs; status updates, written
with ``update()``, bump in services.py."""

from __future__ import annotations

from cohorts import scopes
from omdomme.core.fragments import connect_bumps

from .models import ParticipantPack


def connect() -> None:
    connect_bumps(ParticipantPack, lambda pack: scopes.orgs(pack.organisation_id), uid="org-pack")
