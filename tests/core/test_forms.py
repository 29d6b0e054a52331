"""One form renderer for every form (issue 12, item 5): Designsystemet/GOV.UK field markup."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils import translation

from cohorts.models import Organisation
from omdomme.core.forms import FilterForm
from tests.factories import OrganisationFactory

REPO = Path(__file__).resolve().parents[2]


class _ExampleForm(forms.Form):
    name = forms.CharField(label="Navn", help_text="Slik det står i folkeregisteret.")
    phone = forms.CharField(label="Telefon", required=False)
    topics = forms.MultipleChoiceField(
        label="Tema", choices=[("a", "Omdømme"), ("b", "Kommuneplan")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="Jeg godtar vilkårene", required=False)


def _render(data=None) -> str:
    with translation.override("nb"):
        return str(_ExampleForm(data=data))


def test_label_above_without_colon_and_optional_fields_marked_instead_of_required_ones():
    html = _render()
    assert '<label for="id_name">Navn</label>' in html
    assert '<label for="id_phone">Telefon <span class="optional">(valgfritt)</span></label>' in html
    assert "*" not in html and 'class="required"' not in html
    assert '<p class="hint" id="id_name_helptext">Slik det står i folkeregisteret.</p>' in html
    assert 'aria-describedby="id_name_helptext"' in html
    assert html.index('<label for="id_name">') < html.index("id_name_helptext") < html.index('name="name"')


def test_groups_get_a_fieldset_and_legend_and_a_single_checkbox_its_label_after_the_box():
    html = _render()
    assert re.search(r'<fieldset class="field field-group"\s*>\s*<legend>Tema</legend>', html)
    assert html.index('id="id_agree"') < html.index('<label for="id_agree">Jeg godtar vilkårene</label>')
    assert "Jeg godtar vilkårene <span" not in html  # no "(optional)" on a lone checkbox


def test_errors_are_inline_tied_to_the_input_and_summarised_with_links_at_the_top():
    html = _render({"phone": "1"})
    assert html.index('class="error-summary"') < html.index('<label for="id_name">')
    assert "For å gå videre må du rette opp følgende feil:" in html
    assert '<li><a href="#id_name">Feltet er påkrevet.</a></li>' in html
    assert '<li><a href="#id_topics_0">Feltet er påkrevet.</a></li>' in html
    assert re.search(r'<p class="error" id="id_name_error">\s*<span class="visually-hidden">Feil:</span>', html)
    assert re.search(r'<input[^>]*aria-describedby="id_name_helptext id_name_error"[^>]*>', html)
    assert re.search(r'<input[^>]*name="name"[^>]*aria-invalid="true"', html)
    assert 'data-error-summary tabindex="-1"' in html


class _Filters(FilterForm):
    q = forms.CharField(label="Søk", required=False)


def test_a_filter_bar_form_has_its_own_ids_and_marks_no_field_optional():
    html = str(_Filters())
    assert '<label for="f-q">Søk</label>' in html and 'id="f-q"' in html
    assert "optional" not in html


# Inputs written out by hand that stay so, by template and a marker in the tag, with the reason.
ALLOWED_INPUTS = {
    ("omdomme/evidence/templates/evidence/answer.html", 'name="website"'): "honeypot: not a field, hidden from people",
    ("cohorts/templates/cohorts/apply.html", 'name="website"'): "honeypot: not a field, hidden from people",
    ("cohorts/templates/cohorts/invitation_accept.html", 'autocomplete="username"'): (
        "the account's email for password managers (hidden attribute), not a field anyone fills in"
    ),
}
# The booking board's per-slot inputs sit in the board's hot loop, which the view precomputes so that
# a board of many slots renders fast (issue 13); they are labelled, and the browser tests run axe on them.
_BOARD_CELL = "sessions/templates/gatherings/partials/slot_cell.html"
ALLOWED_INPUTS |= {
    (_BOARD_CELL, '-organisation">'): "per-slot booking input in the board's precomputed hot loop",
    (_BOARD_CELL, '-topic"'): "per-slot booking input in the board's precomputed hot loop",
}
# A tag up to its closing ">", template tags and variables inside it taken whole.
_TAG = r"(?:\{%.*?%\}|\{\{.*?\}\}|[^>])*>"
_FIELD = re.compile(rf"<(?:select|textarea)\b{_TAG}|<input\b{_TAG}", re.DOTALL)
_NOT_A_FIELD = re.compile(r"""\btype=["']?(?:hidden|submit)\b""")


def _templates():
    for path in sorted(REPO.rglob("*.html")):
        rel = path.relative_to(REPO)
        # The renderer's own templates, and the Django widget templates we override.
        if rel.parts[0] in {".venv", "node_modules", "artifacts", "staticfiles"} or rel.parts[:2] in {
            ("templates", "forms"),
            ("templates", "django"),
        }:
            continue
        yield str(rel), path.read_text(encoding="utf-8")


def test_the_renderer_is_the_project_default_and_no_template_hand_rolls_fields():
    assert settings.FORM_RENDERER == "omdomme.core.forms.FormRenderer"
    offenders = []
    for rel, text in _templates():
        # Django's tags, the old include, or the required marker instead of the renderer's "(optional)".
        if re.search(r"\.label_tag|\.legend_tag|includes/form\.html|class=\"required\"", text):
            offenders.append(rel)
    assert offenders == []


def test_no_template_writes_out_an_input_select_or_textarea():
    """Every field comes from a form through the renderer; only hidden inputs, submit buttons and the
    allowed inputs above are written out."""
    offenders = []
    for rel, text in _templates():
        for tag in _FIELD.findall(text):
            if tag.startswith("<input") and _NOT_A_FIELD.search(tag):
                continue
            if any(path == rel and marker in tag for path, marker in ALLOWED_INPUTS):
                continue
            offenders.append(f"{rel}: {' '.join(tag.split())[:100]}")
    assert offenders == []


class _Bar(FilterForm):
    year = forms.TypedChoiceField(label="År", coerce=int, empty_value=None, required=False)
    word = forms.CharField(label="Ord", required=False)

    def __init__(self, *args, years=(2010, 2011), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Alle"), *[(y, str(y)) for y in years]]


class _QueryBar(FilterForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"), required=False)


def _stored_forms(cache) -> int:
    return sum(":form:" in key for key in cache._cache)


def test_a_filter_bar_renders_once_per_query_string(fragment_cache, db):
    translation.activate("nb")
    first = str(_Bar({"year": "2011", "word": "fjell"}))
    assert '<option value="2011" selected>2011</option>' in first and 'value="fjell"' in first
    assert _stored_forms(fragment_cache) == 1
    assert str(_Bar({"year": "2011", "word": "fjell"})) == first
    assert _stored_forms(fragment_cache) == 1  # the same data: the stored HTML
    # Other data, other choices, another language: their own HTML.
    assert 'value="sjø"' in str(_Bar({"year": "2011", "word": "sjø"}))
    assert '<option value="2026">2026</option>' in str(_Bar({}, years=(2026,)))
    with translation.override("en"):
        str(_Bar({"year": "2011", "word": "fjell"}))
    assert _stored_forms(fragment_cache) == 4
    # An invalid choice shows its error, as an uncached render does.
    invalid = _Bar({"year": "1999"})
    assert 'class="error" id="f-year_error"' in str(invalid) == invalid.render("forms/form.html")


def test_a_filter_bar_with_choices_from_a_query_renders_every_time(fragment_cache, db):
    OrganisationFactory(name="Alfa kommune")
    assert "Alfa kommune" in str(_QueryBar({}))
    assert _stored_forms(fragment_cache) == 0


def test_our_select_writes_what_djangos_does():
    """templates/django/forms/widgets/select.html writes each option itself (no include per option):
    the same markup as Django's, groups, attributes and the chosen option included."""
    from django.forms.renderers import DjangoTemplates

    widget = forms.Select(
        attrs={"class": "wide", "aria-describedby": "x_helptext", "title": 'Fylke & "by"', "required": True},
        choices=[("", "Alle"), ("Fylke", [("46", "Vestland"), ("50", "Trøndelag")]), ("x", "Ute & inne")],
    )
    ours = widget.render("area", "50", attrs={"id": "f-area"})
    djangos = widget.render("area", "50", attrs={"id": "f-area"}, renderer=DjangoTemplates())

    def squeeze(html):
        return re.sub(r"\s+", " ", html).replace("> <", "><").strip()

    assert squeeze(ours) == squeeze(djangos)
    assert '<option value="50" selected>Trøndelag</option>' in ours and "Ute &amp; inne" in ours
