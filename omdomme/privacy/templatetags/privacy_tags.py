from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("privacy/_policy.html")
def privacy_policy() -> dict:
    """What we store, why, for how long, and your rights: ``{% load privacy_tags %}{% privacy_policy %}``."""
    return {"retention_months": settings.PERSONAL_DATA_RETENTION_MONTHS}
