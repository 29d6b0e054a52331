"""Translations: extract messages per locale root, and check that every one is translated.

    python scripts/i18n.py extract   # update the .po files (nb, nn, en) of every locale root
    python scripts/i18n.py fill F    # fill untranslated messages from a YAML file:
                                     #   "English msgid": {nb: "...", nn: "..."}
    python scripts/i18n.py check     # fail if a message in the code is missing from a .po file,
                                     # untranslated or fuzzy, or if the built-in content (method
                                     # set, survey templates, reminder texts, indicators) is not
                                     # complete in nb, nn and en (run by `make lint`)

Each app keeps its own ``<app>/locale``; project templates (``templates/``) and the ``omdomme``
package itself share ``locale/`` at the top.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["nb", "nn", "en"]
# locale root -> folders whose messages it holds (relative to the repository).
ROOTS = {
    "locale": ["templates", "omdomme"],
    "omdomme/notifications": ["omdomme/notifications"],
    "omdomme/reminders": ["omdomme/reminders"],
    "omdomme/packs": ["omdomme/packs"],
    "omdomme/privacy": ["omdomme/privacy"],
    "omdomme/evidence": ["omdomme/evidence"],
    "cohorts": ["cohorts"],
    "sessions": ["sessions"],
    "homework": ["homework"],
    "evaluations": ["evaluations"],
}
# packages inside omdomme/ with a locale root of their own, skipped by the top-level root
OWN_ROOTS = {Path(root).name for root in ROOTS if root.startswith("omdomme/")}
IGNORE = ["migrations", "locale", "__pycache__", "static"]


def _django_admin() -> str:
    return str(Path(sys.executable).with_name("django-admin"))


def _extract_into(workdir: Path, sources: list[str]) -> None:
    for src in sources:
        if (ROOT / src).exists():
            skip = [*IGNORE, *OWN_ROOTS] if src == "omdomme" else IGNORE
            shutil.copytree(ROOT / src, workdir / src, ignore=shutil.ignore_patterns(*skip))
    args = [
        _django_admin(),
        "makemessages",
        "--no-location",
        "--no-obsolete",
        "-d",
        "django",
        *(f"-l{lang}" for lang in LANGS),
        "-e",
        "html,txt,py",
    ]
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": ""}
    subprocess.run(args, cwd=workdir, check=True, capture_output=True, env=env)  # noqa: S603 - fixed command


def _po_path(root: str, lang: str) -> Path:
    base = ROOT / root if root != "locale" else ROOT
    return base / "locale" / lang / "LC_MESSAGES" / "django.po"


def _fresh_catalogues():
    """For every locale root and language: the catalogue the code asks for now (extracted into a
    scratch copy, so the working tree is untouched) and the path of our .po file."""
    for root, sources in ROOTS.items():
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            (work / "locale").mkdir()
            _extract_into(work, sources)
            for lang in LANGS:
                fresh = work / "locale" / lang / "LC_MESSAGES" / "django.po"
                if fresh.exists():
                    yield lang, polib.pofile(str(fresh)), _po_path(root, lang)


def extract() -> None:
    for lang, new, target in _fresh_catalogues():
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            known = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(target))}
            for entry in new:
                prev = known.get((entry.msgctxt, entry.msgid))
                if prev is not None:
                    # The format flags come from the code as it is now (a stale python-format flag
                    # makes msgfmt refuse a translation); only the translation is carried over.
                    entry.msgstr, entry.msgstr_plural = prev.msgstr, prev.msgstr_plural
        if lang == "en":
            for entry in new:
                if not entry.msgstr and not entry.msgid_plural:
                    entry.msgstr = entry.msgid
                elif entry.msgid_plural and not any(entry.msgstr_plural.values()):
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        new.metadata.update(
            {
                "Language": lang,
                "Content-Type": "text/plain; charset=UTF-8",
                "Plural-Forms": "nplurals=2; plural=(n != 1);",
            }
        )
        new.metadata.pop("POT-Creation-Date", None)  # no churn when nothing changed
        new.header = "Omdømmeskolen translations."
        entries = [e for e in new if "fuzzy" not in e.flags or e.msgstr]
        new[:] = sorted(entries, key=lambda e: (e.msgctxt or "", e.msgid))
        new.save(str(target))
        print(f"{target.relative_to(ROOT)}: {len(new)} messages, {len(new.untranslated_entries())} untranslated")


def check() -> int:
    problems: list[str] = []
    for _lang, fresh, target in _fresh_catalogues():
        if not target.exists():
            problems.append(f"{target.relative_to(ROOT)} is missing")
            continue
        have = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(target))}
        for entry in fresh:
            found = have.get((entry.msgctxt, entry.msgid))
            where = f"{target.relative_to(ROOT)}: {entry.msgid[:60]!r}"
            if found is None:
                problems.append(f"{where} is not in the file (run scripts/i18n.py extract)")
            elif "fuzzy" in found.flags:
                problems.append(f"{where} is fuzzy")
            elif not found.translated():
                problems.append(f"{where} is not translated")
    problems += check_builtin()
    for line in problems:
        print(line)
    print(f"translations: {len(problems)} problem(s)")
    return 1 if problems else 0


COPY_WORDS = 5  # a Nynorsk text of this many words or more that equals the Bokmål was copied, not written


def check_builtin() -> list[str]:
    """Render the built-in content in every language through the compiled catalogues: each text must
    exist in nb, nn and en, nb and nn must be translated (not the English msgid), and a longer
    Nynorsk text must not be the Bokmål one copied."""
    import os

    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omdomme.settings")
    os.environ.setdefault("DEV", "true")
    command = [sys.executable, str(ROOT / "manage.py"), "compilemessages", "--ignore=.venv", "-v", "0"]
    # The check reads the compiled catalogues. compilemessages compiles in parallel and has been seen
    # to fail once right after the .po files changed; a second run then succeeds.
    for attempt in (1, 2):
        done = subprocess.run(command, cwd=ROOT, env={**os.environ}, capture_output=True, text=True)  # noqa: S603
        if done.returncode == 0:
            break
        if attempt == 2:
            return [f"built-in content: compilemessages failed: {done.stderr.strip()[-300:]}"]
    django.setup()
    from omdomme.builtin import builtin_texts

    texts = {lang: builtin_texts(lang) for lang in LANGS}
    problems = []
    for where, english in texts["en"].items():
        nb, nn = texts["nb"].get(where, ""), texts["nn"].get(where, "")
        if not (english and nb and nn):
            problems.append(f"built-in content: {where} is empty in a language")
        elif nb == english and len(english.split()) > 1:
            problems.append(f"built-in content: {where} has no Bokmål text ({english[:50]!r})")
        elif nn == english and len(english.split()) > 1:
            problems.append(f"built-in content: {where} has no Nynorsk text ({english[:50]!r})")
        elif nn == nb and len(nb.split()) >= COPY_WORDS:
            problems.append(f"built-in content: {where} has the Bokmål text as its Nynorsk ({nb[:50]!r})")
    print(f"built-in content: {len(texts['en'])} texts checked in {', '.join(LANGS)}")
    return problems


def fill(path: str) -> None:
    """Write the nb and nn translations of a YAML file into every catalogue that holds the msgid."""
    import yaml

    wanted = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    for root in ROOTS:
        for lang in ("nb", "nn"):
            target = _po_path(root, lang)
            if not target.exists():
                continue
            catalogue, changed = polib.pofile(str(target)), 0
            for entry in catalogue:
                text = (wanted.get(entry.msgid) or {}).get(lang)
                if text and not entry.msgid_plural:
                    entry.msgstr, entry.flags, changed = text, [f for f in entry.flags if f != "fuzzy"], changed + 1
            if changed:
                catalogue.save(str(target))
                print(f"{target.relative_to(ROOT)}: {changed} filled")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "extract":
        extract()
    elif command == "fill":
        fill(sys.argv[2])
    else:
        sys.exit(check())
