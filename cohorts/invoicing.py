"""The invoice basis of a cohort: what each organisation owes for it.

Active and completed enrolments pay the cohort's fee. A withdrawal on or before the cohort's last
free day (``Cohort.free_withdrawal_until``) pays nothing; a later withdrawal pays the fee. Invited
and applied organisations have not confirmed their place and are listed without an amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Cohort, Enrolment, EnrolmentStatus, Organisation

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class InvoiceLine:
    enrolment: Enrolment
    amount: Decimal | None  # None: not billed (place not confirmed)
    note: str

    @property
    def organisation(self) -> Organisation:
        return self.enrolment.organisation

    @property
    def withdrawn_at(self) -> datetime | None:
        return self.enrolment.withdrawn_at


def _line(cohort: Cohort, enrolment: Enrolment) -> InvoiceLine:
    fee = cohort.fee
    if enrolment.status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED):
        return InvoiceLine(enrolment, fee, "")
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        free_until = cohort.free_withdrawal_until
        if enrolment.withdrawn_at is None:
            return InvoiceLine(enrolment, ZERO, _("Withdrawn (date unknown): not billed"))
        day = timezone.localdate(enrolment.withdrawn_at)
        if free_until is None or day <= free_until:
            return InvoiceLine(enrolment, ZERO, _("Withdrawn before the cut-off: nothing to pay"))
        return InvoiceLine(enrolment, fee, _("Withdrawn after the cut-off: pays the fee"))
    return InvoiceLine(enrolment, None, _("Place not confirmed yet: not billed"))


def invoice_basis(cohort: Cohort) -> list[InvoiceLine]:
    """One line per enrolled organisation, by name (two queries whatever the size)."""
    enrolments = cohort.enrolments.select_related("organisation").order_by("organisation__name")
    return [_line(cohort, e) for e in enrolments]


def total(lines: list[InvoiceLine]) -> Decimal:
    return sum((line.amount for line in lines if line.amount), ZERO)
