"""The staff outbox page: every email the system sends, its state, a preview, resend and cancel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omdomme.core import staff

from . import services
from .filters import OutboxFilter
from .models import OutboxMail


@login_required
def outbox_list(request: HttpRequest) -> HttpResponse:
    staff.require_staff(request.user)
    queryset = (
        OutboxMail.objects.visible_to(request.user)
        .select_related("recipient_user")
        .defer("body_text", "body_html", "attachments")
    )
    mail_filter = OutboxFilter(request.GET or None, queryset=queryset)
    page = Paginator(mail_filter.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/outbox_list.html",
        {
            "filter": mail_filter,
            "form": mail_filter.form,
            "page_obj": page,
            "mails": page.object_list,
        },
    )


@login_required
def outbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mail = get_object_or_404(
        OutboxMail.objects.visible_to(request.user).select_related(
            "recipient_user", "created_by", "resent_from", "cancelled_by"
        ),
        pk=pk,
    )
    return render(
        request,
        "notifications/outbox_detail.html",
        {
            "mail": mail,
            "resends": mail.resends.order_by("-created_at"),
        },
    )


@login_required
def outbox_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    mail = get_object_or_404(OutboxMail.objects.visible_to(request.user), pk=pk)
    if request.method == "POST" and request.POST.get("confirmed"):
        try:
            services.cancel(mail, actor=request.user)
        except services.OutboxError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The email was cancelled and will not be sent."))
        return redirect(mail)
    return render(
        request,
        "includes/confirm.html",
        {
            "title": _("Cancel this email?"),
            "question": _("“%(subject)s” to %(to)s will not be sent.")
            % {"subject": mail.subject, "to": ", ".join(mail.recipients)},
            "action_url": reverse("notifications:outbox_cancel", args=[mail.pk]),
            "cancel_url": mail.get_absolute_url(),
            "button": _("Cancel the email"),
        },
    )


@login_required
@require_POST
def outbox_resend(request: HttpRequest, pk: int) -> HttpResponse:
    mail = get_object_or_404(OutboxMail.objects.visible_to(request.user), pk=pk)
    try:
        copy = services.resend(mail, actor=request.user)
    except services.OutboxError as exc:
        messages.error(request, exc.messages[0])
        return redirect(mail)
    messages.success(request, _("A new copy of the email was queued."))
    return redirect(copy)
