"""The standard resident survey (innbyggerundersøkelse), in Bokmål and Nynorsk.

Texts are data here, not UI strings, so that they can move onto the translated survey-content fields
of the evaluations app when those land; each question feeds two built-in indicators.
"""

from __future__ import annotations

from dataclasses import dataclass

from .builtin import Builtin, register

SCALE_MAX = 5
POSITIVE_FROM = 4  # 4 and 5 count as positive


@dataclass(frozen=True)
class TemplateQuestion:
    code: str
    topic_nb: str
    text: dict[str, str]
    low: dict[str, str]
    high: dict[str, str]

    @property
    def mean_code(self) -> str:
        return f"resident_{self.code}_mean"

    @property
    def positive_code(self) -> str:
        return f"resident_{self.code}_positive"


TITLE = {"nb": "Innbyggerundersøkelse", "nn": "Innbyggjarundersøking"}
INTRO = {
    "nb": (
        "Vi vil gjerne vite hva du mener om kommunen som sted å bo. Undersøkelsen er anonym: vi lagrer "
        "verken navn, e-post eller IP-adresse. Det tar om lag ett minutt."
    ),
    "nn": (
        "Vi vil gjerne vite kva du meiner om kommunen som stad å bu. Undersøkinga er anonym: vi lagrar "
        "korkje namn, e-post eller IP-adresse. Det tek om lag eitt minutt."
    ),
}

QUESTIONS = [
    TemplateQuestion(
        "satisfaction",
        "tilfredshet med bostedet",
        {
            "nb": "Hvor fornøyd er du med kommunen som sted å bo?",
            "nn": "Kor nøgd er du med kommunen som stad å bu?",
        },
        {"nb": "Svært misfornøyd", "nn": "Svært misnøgd"},
        {"nb": "Svært fornøyd", "nn": "Svært nøgd"},
    ),
    TemplateQuestion(
        "recommend",
        "vil anbefale kommunen",
        {
            "nb": "Hvor sannsynlig er det at du vil anbefale andre å flytte hit?",
            "nn": "Kor sannsynleg er det at du vil tilrå andre å flytte hit?",
        },
        {"nb": "Svært lite sannsynlig", "nn": "Svært lite sannsynleg"},
        {"nb": "Svært sannsynlig", "nn": "Svært sannsynleg"},
    ),
    TemplateQuestion(
        "pride",
        "stolthet over kommunen",
        {
            "nb": "Hvor stolt er du av kommunen din?",
            "nn": "Kor stolt er du av kommunen din?",
        },
        {"nb": "Ikke stolt i det hele tatt", "nn": "Ikkje stolt i det heile"},
        {"nb": "Svært stolt", "nn": "Svært stolt"},
    ),
    TemplateQuestion(
        "development",
        "opplevd utvikling",
        {
            "nb": "Hvordan synes du kommunen har utviklet seg de siste par årene?",
            "nn": "Korleis synest du kommunen har utvikla seg dei siste par åra?",
        },
        {"nb": "Mye verre", "nn": "Mykje verre"},
        {"nb": "Mye bedre", "nn": "Mykje betre"},
    ),
]
BY_CODE = {q.code: q for q in QUESTIONS}

for _q in QUESTIONS:
    register(
        Builtin(
            _q.mean_code,
            f"Innbyggerundersøkelse: {_q.topic_nb} (snitt 1–5)",
            "snitt (1–5)",
            f"{_q.text['nb']} Gjennomsnitt på skalaen 1–5.",
        )
    )
    register(
        Builtin(
            _q.positive_code,
            f"Innbyggerundersøkelse: {_q.topic_nb} (andel positive)",
            "prosent",
            f"{_q.text['nb']} Andelen som svarte 4 eller 5.",
        )
    )
