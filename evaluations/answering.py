"""Survey answering as a Django form built from the survey's questions.

One field per question, named ``q_<question id>`` (the names the answer page posts). Each field
reads every value posted under its name, so a second value for a one-answer question is an error
rather than silently dropped; ``cleaned_data`` holds the answer rows to store for that question
(an empty list when it was left blank). Whether a blank required question is an error depends on
submitting or saving a draft, so ``services.save_response`` decides that.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Question, QuestionKind

MAX_TEXT = 5000
PREFIX = "q_"


class _AllValues(forms.Widget):
    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else list(data.get(name, []))


class AnswerField(forms.Field):
    widget = _AllValues

    def __init__(self, question: Question, choice_ids: set[int], **kwargs) -> None:
        self.question, self.choice_ids = question, choice_ids
        super().__init__(required=False, **kwargs)

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
    def __init__(self, questions: list[Question], choice_ids: dict[int, set[int]], data) -> None:
        super().__init__(data)
        for question in questions:
            self.fields[f"{PREFIX}{question.pk}"] = AnswerField(question, choice_ids.get(question.pk, set()))

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
