"""The built-in content that ships in Bokmål, Nynorsk and English: the 10-step method set, the two
survey templates, the standard reminder texts and the built-in indicators.

``builtin_texts(language)`` renders all of it in one language, keyed by where it comes from, so
``scripts/i18n.py check`` (``make lint``) can prove that every text exists in every language and
that the Nynorsk is not a copy of the Bokmål.
"""

from __future__ import annotations

from django.utils import translation

from evaluations.indicators import BUILTIN_INDICATORS
from evaluations.survey_templates import TEMPLATES, _spec
from homework.services import METHOD_TEMPLATE

from .reminders.texts import DEFAULT_INTROS


def builtin_texts(language: str) -> dict[str, str]:
    texts: dict[str, str] = {}
    with translation.override(language):
        for step, title, instructions in METHOD_TEMPLATE:
            texts[f"method set {step}: title"] = str(title)
            texts[f"method set {step}: instructions"] = str(instructions)
        for key in TEMPLATES:
            _kind, title, intro, _audience, sections = _spec(key, None)
            texts[f"survey {key}: title"] = title
            texts[f"survey {key}: introduction"] = intro
            for s, (section_title, questions) in enumerate(sections, 1):
                texts[f"survey {key} section {s}"] = section_title
                for q, spec in enumerate(questions, 1):
                    for name in ("text", "scale_min_label", "scale_max_label"):
                        if name in spec:
                            texts[f"survey {key} section {s} question {q}: {name}"] = spec[name]
                    for c, label in enumerate(spec.get("choices", []), 1):
                        texts[f"survey {key} section {s} question {q}: choice {c}"] = label
        for kind, intro in DEFAULT_INTROS.items():
            texts[f"reminder {kind}: opening text"] = str(intro)
        for n, (name, description, unit) in enumerate(BUILTIN_INDICATORS, 1):
            texts[f"indicator {n}: name"] = str(name)
            texts[f"indicator {n}: description"] = str(description)
            texts[f"indicator {n}: unit"] = str(unit)
    return texts
