"""Fail when a template line is longer than the limit (issue 10: templates stay readable).

Usage: python scripts/check_template_lines.py [--limit 160]
Prints every offending ``path:line: length`` and exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".venv", "venv", "node_modules", "artifacts", "staticfiles", "var", ".git", "backups"}
SUFFIXES = {".html", ".txt", ".svg", ".xml"}


def template_files(root: Path = REPO) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if rel.parts and rel.parts[0] in SKIP_DIRS:
            continue
        if path.is_file() and "templates" in rel.parts and path.suffix in SUFFIXES:
            found.append(path)
    return sorted(found)


def long_lines(path: Path, limit: int) -> list[tuple[int, int]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, len(line)) for number, line in enumerate(lines, start=1) if len(line) > limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=160)
    args = parser.parse_args(argv)
    problems = 0
    files = template_files()
    for path in files:
        for number, length in long_lines(path, args.limit):
            print(f"{path.relative_to(REPO)}:{number}: {length} characters (limit {args.limit})")
            problems += 1
    if problems:
        print(f"{problems} template line(s) over {args.limit} characters: split them into blocks or partials.")
        return 1
    print(f"{len(files)} templates, no line over {args.limit} characters.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
