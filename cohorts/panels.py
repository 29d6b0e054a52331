"""The organisation, enrolment and cohort pages' hooks: higher apps (gatherings, homework, evaluations,
packs) register a function ``fn(user, obj) -> list[Panel]`` in their ``AppConfig.ready()``; the
template sees a panel's context as ``data``. See ``omdomme.core.extensions``.

A page that shows many enrolments at once calls ``panels_for_enrolments``: a registered function
that has a ``many(user, enrolments) -> {enrolment pk: [Panel]}`` attribute answers for all of them
in a fixed number of queries (others are called once per enrolment)."""

from __future__ import annotations

from omdomme.core.extensions import Panel, Registry

organisation_panels = Registry()
enrolment_panels = Registry()


def panels_for_organisation(user, organisation) -> list[Panel]:
    return organisation_panels.collect(user, organisation)


def panels_for_enrolment(user, enrolment) -> list[Panel]:
    return enrolment_panels.collect(user, enrolment)


def panels_for_enrolments(user, enrolments) -> dict[int, list[Panel]]:
    enrolments = list(enrolments)
    result: dict[int, list[Panel]] = {e.pk: [] for e in enrolments}
    for fn in enrolment_panels:
        many = getattr(fn, "many", None)
        found = many(user, enrolments) if many else {e.pk: fn(user, e) for e in enrolments}
        for pk, panels in found.items():
            result[pk].extend(panels)
    return {pk: sorted(panels, key=lambda p: p.order) for pk, panels in result.items()}


cohort_panels = Registry()  # the cohort page (staff's "missing Nynorsk" warning)


def panels_for_cohort(user, cohort) -> list[Panel]:
    return cohort_panels.collect(user, cohort)
