# One task runner. The README's two commands are `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/omdomme
STAMP := $(VENV)/.installed
# Pinned installs: every version and its hashes come from the lock files, which `make lock` writes
# from pyproject.toml (runtime: requirements.lock, used by the Dockerfile; with the test and dev
# extras: requirements-dev.lock, used here and so by .ci/run).
LOCK := requirements-dev.lock
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

PORT ?= 8000

.PHONY: run test test-fast lint install lock messages bench backup restore clean system

$(STAMP): $(LOCK) pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r $(LOCK)
	touch $(STAMP)

install: $(STAMP) messages

messages: $(STAMP)
	@DEV=true $(PY) manage.py compilemessages --ignore=.venv -v 0

# The Debian packages come first: one clear `apt-get install` line instead of a traceback later.
system:
	@python3 scripts/check_system.py

# runserver on PORT (default 8000) and a real Celery worker beside it (filesystem broker without
# Redis); Ctrl-C stops both. Mail is printed in this console.
run: system install
	DEV=true $(PY) manage.py migrate --no-input
	DEV=true $(PY) manage.py seed_demo
	PORT=$(PORT) $(PY) scripts/run_dev.py

test: system install
	@$(PY) scripts/check_db.py "$(TEST_DATABASE_URL)"
	DATABASE_URL=$(TEST_DATABASE_URL) DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest $(PYTEST_ARGS)

# The quick loop: no browser or real-worker tests, and the test database is kept between runs.
test-fast: system install
	@$(PY) scripts/check_db.py "$(TEST_DATABASE_URL)"
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest -m "not browser and not celery_worker" --reuse-db $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DEV=true $(PY) manage.py makemigrations --check --dry-run
	DEV=true $(PY) manage.py check
	$(PY) scripts/check_template_lines.py
	$(PY) scripts/i18n.py check
	DEV=true $(PY) manage.py compilemessages --ignore=.venv -v 0

# After a change of dependencies in pyproject.toml: new packages are pinned, existing pins are kept.
# `make lock LOCK_ARGS=--upgrade` moves every pin to the newest release the ranges allow.
lock: $(STAMP)
	$(PIP_COMPILE) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra test --extra dev -o $(LOCK) pyproject.toml
	$(PIP) install --quiet --require-hashes -r $(LOCK)

bench: install
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m bench

# The local (`make run`) data: the same DEV settings as `make run`. In production run the command
# inside the stack (README, "Deploy").
backup: $(STAMP)
	DEV=true $(PY) manage.py backup

# make restore FROM=backups/<timestamp>  (asks before replacing; checks row counts afterwards)
restore: $(STAMP)
	@test -n "$(FROM)" || { echo "Usage: make restore FROM=backups/<timestamp>"; exit 2; }
	DEV=true $(PY) manage.py restore "$(FROM)"

clean:
	rm -rf $(VENV) var staticfiles
