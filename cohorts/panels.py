"""The organisation and enrolment pages' hooks: higher apps (gatherings, homework, evaluations,
packs) register a function ``fn(user, obj) -> list[Panel]`` in their ``AppConfig.ready()``; the
template sees a panel's context as ``data``. See ``omdomme.core.extensions``."""

from __future__ import annotations

from omdomme.core.extensions import Panel, Registry

organisation_panels = Registry()
enrolment_panels = Registry()


def panels_for_organisation(user, organisation) -> list[Panel]:
    return organisation_panels.collect(user, organisation)


def panels_for_enrolment(user, enrolment) -> list[Panel]:
    return enrolment_panels.collect(user, enrolment)
