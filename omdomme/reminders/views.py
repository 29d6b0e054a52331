"""Staff pages of the notifications area that read every app: messages to organisations' teams and
the per-cohort reminder texts (mounted under /epost/ by ``omdomme.notifications.urls``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.models import Cohort, CohortStatus
from omdomme.language import warning
from omdomme.notifications.services import render_email

from . import services
from .forms import CohortChoiceForm, MessageForm, ReminderTextForm
from .language import missing_in_reminders
from .models import ReminderKind, ReminderText
from .preview import TEMPLATES, sample_context
from .rules import intro_for


def _chosen_cohort(request: HttpRequest) -> Cohort | None:
    raw = request.POST.get("cohort") or request.GET.get("cohort")
    if not raw:
        return None
    if not str(raw).isdigit():
        raise Http404
    return get_object_or_404(Cohort.objects.visible_to(request.user), pk=raw)


@login_required
def message_compose(request: HttpRequest) -> HttpResponse:
    """Write one message to the teams of chosen organisations (or the whole cohort); preview first."""
    access.require_staff(request.user)
    cohort = _chosen_cohort(request)
    form = MessageForm(request.POST or None, cohort=cohort)
    preview = None
    if request.method == "POST" and cohort is not None and form.is_valid():
        data = form.cleaned_data
        if "send" in request.POST:
            try:
                mails = services.send_message(
                    cohort,
                    form.recipients(),
                    data["subject"],
                    data["body"],
                    actor=request.user,
                    nynorsk=form.nynorsk(),
                )
            except services.MessageError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(
                    request, _("%(count)s email(s) queued, one per organisation team.") % {"count": len(mails)}
                )
                return redirect(f"{reverse('notifications:outbox_list')}?kind=message")
        else:
            teams, rendered = services.preview_message(
                cohort, form.recipients(), data["subject"], data["body"], request.user
            )
            preview = {
                "teams": teams,
                "rendered": rendered,
                "sendable": sum(1 for t in teams if t.recipients),
                "nynorsk_missing": form.nynorsk() is None and any(t.language == "nn" for t in teams if t.recipients),
            }
    return render(
        request,
        "reminders/message_compose.html",
        {
            "form": form,
            "cohort": cohort,
            "cohort_form": CohortChoiceForm(cohort),
            "preview": preview,
        },
    )


@login_required
def reminder_texts(request: HttpRequest) -> HttpResponse:
    """Each reminder kind's opening text for one cohort, in each language (standard or the cohort's own)."""
    access.require_staff(request.user)
    cohort = (
        _chosen_cohort(request)
        or Cohort.objects.filter(status=CohortStatus.ACTIVE).order_by("-year").first()
        or Cohort.objects.order_by("-year").first()
    )
    rows = []
    if cohort is not None:
        own = {(t.kind, t.language): t for t in ReminderText.objects.filter(cohort=cohort)}
        for kind in ReminderKind:
            cells = []
            for code, name in settings.LANGUAGES:
                text = own.get((kind.value, code))
                cells.append(
                    {
                        "language": code,
                        "language_name": name,
                        "custom": text is not None,
                        "intro": text.intro if text else intro_for(kind.value, None, code, {}),
                    }
                )
            rows.append({"kind": kind, "cells": cells})
    return render(
        request,
        "reminders/reminder_texts.html",
        {
            "cohort": cohort,
            "cohort_form": CohortChoiceForm(cohort, autosubmit=True),
            "rows": rows,
            "nynorsk": warning(cohort, lambda: missing_in_reminders(cohort)) if cohort else None,
        },
    )


@login_required
def reminder_text_edit(request: HttpRequest, cohort_pk: int, kind: str, language: str) -> HttpResponse:
    access.require_staff(request.user)
    cohort = get_object_or_404(Cohort.objects.visible_to(request.user), pk=cohort_pk)
    if kind not in ReminderKind.values or language not in dict(settings.LANGUAGES):
        raise Http404
    current = ReminderText.objects.filter(cohort=cohort, kind=kind, language=language).first()
    form = ReminderTextForm(request.POST or None, initial={"intro": current.intro if current else ""})
    preview = None
    if request.method == "POST" and form.is_valid():
        intro = form.cleaned_data["intro"]
        if "save" in request.POST:
            services.save_reminder_text(cohort, kind, language, intro, actor=request.user)
            messages.success(request, _("The reminder text was saved."))
            return redirect(f"{reverse('reminders:reminder_texts')}?cohort={cohort.pk}")
        context = {
            **sample_context(kind, cohort),
            "recipient": request.user,
            "optional": True,
            "intro": intro.strip() or intro_for(kind, None, language, {}),
        }
        subject, text, _html = render_email(TEMPLATES[kind], context, language)
        preview = {"subject": subject, "text": text}
    return render(
        request,
        "reminders/reminder_text_edit.html",
        {
            "cohort": cohort,
            "kind": ReminderKind(kind),
            "language": language,
            "form": form,
            "preview": preview,
            "standard": intro_for(kind, None, language, {}),
        },
    )
