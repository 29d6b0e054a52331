"""Content in nb, nn and en: small helpers around django-modeltranslation, for every app.

A field registered in an app's ``translation.py`` (say ``title``) gets ``title_nb``, ``title_nn``
and ``title_en`` columns; reading ``obj.title`` gives the active language, falling back to Bokmål.
These helpers copy every version, build built-in content from the message catalogues, and say which
versions are missing. To make another model translatable (an indicator name, a resident survey),
register its fields in its app's ``translation.py`` and use these; nothing else is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
BASE = "nb"


def translated_fields(model) -> list[str]:
    return list(translator.get_options_for_model(model).fields)


def all_versions(obj, fields: Iterable[str] | None = None) -> dict[str, str]:
    """``{"title_nb": ..., "title_nn": ..., ...}`` for every translated field of ``obj``: what a copy
    of it needs so that no language version is lost."""
    names = fields or translated_fields(type(obj))
    return {
        build_localized_fieldname(name, lang): getattr(obj, build_localized_fieldname(name, lang))
        for name in names
        for lang in LANGUAGES
    }


def from_catalogue(**texts) -> dict[str, str]:
    """Built-in content (lazy gettext strings) in every language: ``from_catalogue(title=_("Goal
    analysis"))`` gives ``{"title_nb": "Målanalyse", "title_nn": "Målanalyse", "title_en": ...}``."""
    values = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            for name, text in texts.items():
                values[build_localized_fieldname(name, lang)] = str(text) if text else ""
    return values


def missing_versions(obj, language: str, fields: Iterable[str] | None = None) -> list[str]:
    """The fields of ``obj`` that have a Bokmål text but none in ``language`` (verbose names)."""
    missing = []
    for name in fields or translated_fields(type(obj)):
        base = getattr(obj, build_localized_fieldname(name, BASE))
        if base and not (getattr(obj, build_localized_fieldname(name, language)) or "").strip():
            missing.append(str(type(obj)._meta.get_field(name).verbose_name))
    return missing


@dataclass
class Missing:
    """One object with texts that have a Bokmål version and no Nynorsk one."""

    what: str  # "Survey “Feedback”", "Question 3", ...
    fields: list[str]
    url: str = ""

    def __str__(self) -> str:
        return f"{self.what}: {', '.join(self.fields)}"


def check_nynorsk(obj, what: str, url: str = "") -> list[Missing]:
    fields = missing_versions(obj, "nn")
    return [Missing(what, fields, url)] if fields else []
