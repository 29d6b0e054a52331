"""Before `make run`/`make test` build anything: are the Debian packages there? Prints the one
`apt-get install` line for what is missing (instead of a traceback later) and exits 1.

Standard library only: it runs with the system's python3, before the virtualenv exists.
    python3 scripts/check_system.py          # what `make run` needs
    python3 scripts/check_system.py --test   # and what `make test` needs besides
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import shutil
import sys
from pathlib import Path


def _has_fonts() -> bool:
    return any(
        Path(d).is_dir() and any(Path(d).rglob("*.tt[fc]")) for d in ("/usr/share/fonts", "/usr/local/share/fonts")
    )


RUN = [
    ("python3-venv", lambda: importlib.util.find_spec("ensurepip") is not None),
    ("gettext", lambda: shutil.which("msgfmt") is not None),
    ("libmagic1", lambda: ctypes.util.find_library("magic") is not None),
    ("libpango-1.0-0 libpangoft2-1.0-0", lambda: ctypes.util.find_library("pangoft2-1.0") is not None),
    ("libharfbuzz0b libharfbuzz-subset0", lambda: ctypes.util.find_library("harfbuzz-subset") is not None),
    ("fonts-dejavu-core", _has_fonts),
]
TEST = [
    ("postgresql", lambda: shutil.which("pg_ctlcluster") is not None or shutil.which("postgres") is not None),
    ("redis-server", lambda: shutil.which("redis-server") is not None),
    ("chromium", lambda: Path("/usr/bin/chromium").exists()),
]


def main(argv: list[str]) -> int:
    checks = RUN + (TEST if "--test" in argv else [])
    missing = [package for package, present in checks if not present()]
    if not missing:
        return 0
    print("Some Debian packages are missing. Install them first (as root):", file=sys.stderr)
    print(f"    apt-get install -y --no-install-recommends {' '.join(missing)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
