from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def compare_cell(qr) -> str:
    """One survey's summary of a question, in a comparison table cell."""
    if qr.mean is not None:
        return format_html('{} <span class="muted">(n={})</span>', number_format(qr.mean, 2), qr.answered)
    if qr.rows and qr.answered:
        top = max(qr.rows, key=lambda r: r.count)
        return format_html('{}: {} % <span class="muted">(n={})</span>', top.label, top.share, qr.answered)
    if qr.texts:
        return format_html('{} <span class="muted">(n={})</span>', _("text answers"), qr.answered)
    return "–"
