# One task runner. The README's two commands are `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/omdomme
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint install messages bench backup restore clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet ".[test,dev]"
	touch $(STAMP)

install: $(STAMP) messages

messages: $(STAMP)
	@DEV=true $(PY) manage.py compilemessages --ignore=.venv -v 0

run: install
	DEV=true $(PY) manage.py migrate --no-input
	DEV=true $(PY) manage.py seed_demo
	DEV=true $(PY) manage.py runserver 127.0.0.1:8000

test: install
	@$(PY) scripts/check_db.py "$(TEST_DATABASE_URL)"
	DATABASE_URL=$(TEST_DATABASE_URL) DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEV=true $(PY) manage.py makemigrations --check --dry-run
	DEV=true $(PY) manage.py check
	$(PY) scripts/check_template_lines.py
	$(PY) scripts/i18n.py check

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
