"""Survey answering as a Django form built from the survey's questions.

One field per question, named ``q_<question id>`` (the names the answer page posts), rendered by the
project's form renderer (``templates/forms/``): a fieldset and legend for choices and scales, a label
above the text and number fields. Each widget reads every value posted under its name, so a second
value for a one-answer question is an error rather than silently dropped; ``cleaned_data`` holds the
answer rows to store for that question (an empty list when it was left blank). Whether a blank
required question is an error depends on submitting or saving a draft, so ``services.save_response``
decides that; ``required`` on a field only marks the others "(optional)".
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Question, QuestionKind, Response

MAX_TEXT = 5000
PREFIX = "q_"


class _AllValues:
    """Reads every value posted under the field's name."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        value = data.get(name, [])
        return list(value) if isinstance(value, (list, tuple)) else [value]


class _OneValue(_AllValues):
    """Shows the first of the values (a text box holds one)."""

    def format_value(self, value):
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        return super().format_value(value)


class AnswerText(_OneValue, forms.TextInput):
    pass


class AnswerTextarea(_OneValue, forms.Textarea):
    pass


class AnswerRadios(_AllValues, forms.RadioSelect):
    pass


class AnswerCheckboxes(_AllValues, forms.CheckboxSelectMultiple):
    pass


class ScaleSelect(AnswerRadios):
    """Radios 1..max in a row, with the words for the lowest and highest value at the ends."""

    template_name = "evaluations/widgets/scale.html"

    def __init__(self, question: Question) -> None:
        super().__init__(choices=[(v, str(v)) for v in question.scale_values])
        self.question = question

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        q = self.question
        context["widget"].update(max=q.scale_max, min_label=q.scale_min_label, max_label=q.scale_max_label)
        return context


def _widget(question: Question, choices: list[tuple[int, str]]) -> forms.Widget:
    kind = question.kind
    if kind == QuestionKind.SCALE:
        return ScaleSelect(question)
    if kind == QuestionKind.SINGLE:
        return AnswerRadios(choices=choices)
    if kind == QuestionKind.MULTIPLE:
        return AnswerCheckboxes(choices=choices)
    if kind == QuestionKind.NUMBER:
        return AnswerText(attrs={"inputmode": "decimal"})
    if kind == QuestionKind.SHORT_TEXT:
        return AnswerText(attrs={"maxlength": MAX_TEXT})
    return AnswerTextarea(attrs={"rows": 5, "maxlength": MAX_TEXT})


class AnswerField(forms.Field):
    def __init__(self, question: Question, **kwargs) -> None:
        self.question = question
        choices = [(c.pk, c.label) for c in question.choices.all()] if question.has_choices else []
        self.choice_ids = {pk for pk, _label in choices}
        super().__init__(
            required=question.required,
            label=question.text,
            help_text=question.help_text,
            widget=_widget(question, choices),
            **kwargs,
        )

    def validate(self, value) -> None:
        """Blank required questions are the service's to judge (an error on submit, not in a draft)."""

    def to_python(self, value) -> list[dict]:
        values = [v.strip() for v in value or [] if v is not None and v.strip() != ""]
        if not values:
            return []
        kind = self.question.kind
        if kind == QuestionKind.MULTIPLE:
            try:
                ids = {int(v) for v in values}
            except ValueError as exc:
                raise ValidationError(_("Choose among the options given.")) from exc
            if not ids <= self.choice_ids:
                raise ValidationError(_("Choose among the options given."))
            return [{"choice_id": i} for i in sorted(ids)]
        if len(values) > 1:
            raise ValidationError(_("Give one answer only."))
        return [self._one(kind, values[0])]

    def _one(self, kind: str, value: str) -> dict:
        if kind == QuestionKind.SINGLE:
            if not value.isdigit() or int(value) not in self.choice_ids:
                raise ValidationError(_("Choose among the options given."))
            return {"choice_id": int(value)}
        if kind == QuestionKind.SCALE:
            if not value.isdigit() or not 1 <= int(value) <= self.question.scale_max:
                raise ValidationError(_("Choose a value from 1 to %(max)s.") % {"max": self.question.scale_max})
            return {"number": Decimal(int(value))}
        if kind == QuestionKind.NUMBER:
            try:
                number = Decimal(value.replace(",", ".").replace(" ", ""))
            except InvalidOperation as exc:
                raise ValidationError(_("Enter a number.")) from exc
            if not number.is_finite() or abs(number) >= Decimal("1e10"):
                raise ValidationError(_("Enter a number."))
            return {"number": number.quantize(Decimal("0.01"))}
        if len(value) > MAX_TEXT:
            raise ValidationError(_("Keep the answer under %(n)s characters.") % {"n": MAX_TEXT})
        return {"text": value}


class AnswerForm(forms.Form):
    """``questions`` in order, with their sections and choices fetched; the first question of a section
    carries the section's heading (``templates/forms/form.html`` shows it)."""

    use_required_attribute = False
    error_summary_note = gettext_lazy("Some answers need attention. Nothing was saved.")

    def __init__(self, questions: list[Question], data=None, *, initial=None, disabled: bool = False) -> None:
        super().__init__(data, initial=initial)
        section = None
        for question in questions:
            field = AnswerField(question, disabled=disabled)
            if question.section_id and question.section_id != section:
                field.heading = question.section.title
            section = question.section_id
            self.fields[f"{PREFIX}{question.pk}"] = field

    def clean(self):
        if any(name.startswith(PREFIX) and name not in self.fields for name in self.data):
            raise ValidationError(
                _(
                    "The form contained a question that is not part of this survey. "
                    "Nothing was saved; reload the page and try again."
                )
            )
        return super().clean()

    def answers(self) -> dict[int, list[dict]]:
        """Question id -> answer rows, for the questions answered (call after ``is_valid()``)."""
        return {int(name[len(PREFIX) :]): rows for name, rows in self.cleaned_data.items() if rows}

    def error_messages(self) -> dict[str, str]:
        """``InvalidAnswers``'s shape: question id (as text) or ``__all__`` -> one message."""
        return {
            (name[len(PREFIX) :] if name.startswith(PREFIX) else name): errors[0]
            for name, errors in self.errors.items()
        }

    def add_errors(self, errors: dict[str, str]) -> None:
        """Show ``InvalidAnswers``'s messages that this form's own checks did not find (blank required
        questions on submit)."""
        for key, message in errors.items():
            name = None if key == NON_FIELD_ERRORS else f"{PREFIX}{key}"
            if not self.has_error(name or NON_FIELD_ERRORS):
                self.add_error(name, message)


def saved_values(response: Response | None) -> dict[str, list[str]]:
    """A saved response as the form's initial values: ``q_<id>`` -> the choice ids, the number or the text."""
    values: dict[str, list[str]] = {}
    if response is None:
        return values
    for qid, cid, number, text in response.answers.values_list("question", "choice", "number", "text"):
        if cid:
            value = str(cid)
        elif number is not None:
            value = str(int(number)) if number == int(number) else str(number)
        else:
            value = text
        values.setdefault(f"{PREFIX}{qid}", []).append(value)
    return values
