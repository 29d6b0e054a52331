"""One form renderer for every form (issue 12, item 5): Designsystemet/GOV.UK field markup."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils import translation

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


def test_the_renderer_is_the_project_default_and_no_template_hand_rolls_fields():
    assert settings.FORM_RENDERER == "omdomme.core.forms.FormRenderer"
    offenders = []
    for path in REPO.rglob("*.html"):
        rel = path.relative_to(REPO)
        if rel.parts[0] in {".venv", "node_modules", "artifacts", "staticfiles"} or rel.parts[:2] == (
            "templates",
            "forms",
        ):
            continue
        text = path.read_text(encoding="utf-8")
        # Hand-rolled fields: Django's tags, the old include, or answer inputs written out (radios, text areas).
        if re.search(r"\.label_tag|\.legend_tag|includes/form\.html|class=\"required\"|<textarea|type=\"?radio", text):
            offenders.append(str(rel))
    assert offenders == []
