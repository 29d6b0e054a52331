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


def localized(*names: str) -> list[str]:
    """Form field names for every language version: ``localized("title")`` →
    ``["title_nb", "title_nn", "title_en"]`` (for a ModelForm's ``Meta.fields``)."""
    return [build_localized_fieldname(name, lang) for name in names for lang in LANGUAGES]


class TranslatedFormMixin:
    """A ModelForm that edits the language versions of translated fields side by side.

    List the versions in ``Meta.fields`` with ``localized(...)`` and name the fields in
    ``translated``. The Bokmål version is required when the original field is; each field gets the
    language as its label, and a version that is empty while Bokmål has text is marked missing
    (``field.field.missing``). ``includes/form.html`` groups the versions in one fieldset.
    """

    translated: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        model = self._meta.model
        for name in self.translated:
            original = model._meta.get_field(name)
            versions = [build_localized_fieldname(name, lang) for lang in LANGUAGES]
            base_value = self._version_value(versions[0])
            for index, (lang, field_name) in enumerate(zip(LANGUAGES, versions, strict=True)):
                field = self.fields.get(field_name)
                if field is None:
                    continue
                field.required = lang == BASE and not original.blank
                field.label = names[lang]
                field.lang = lang
                field.group_label = str(original.verbose_name).capitalize() if index == 0 else ""
                field.group_help = str(original.help_text) if index == 0 else ""
                field.group_end = index == len(versions) - 1
                field.help_text = ""
                field.missing = bool(base_value) and lang != BASE and not self._version_value(field_name)
                field.widget.attrs["lang"] = lang

    def _version_value(self, field_name: str) -> str:
        if self.is_bound:
            return (self.data.get(self.add_prefix(field_name)) or "").strip()
        return (self.initial.get(field_name) or "").strip()
