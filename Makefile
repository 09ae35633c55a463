# XM Hub. `make run` starts everything; `make test` runs the tests. Only Python 3.11+ and make are needed.
# With DATABASE_URL / REDIS_URL set, both use those servers; otherwise embedded PostgreSQL and Redis.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= 2

.PHONY: install run test lint bench clean

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "XM Hub needs Python 3.11 or newer (set PYTHON=python3.11).")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

# Embedded (or DATABASE_URL) PostgreSQL, embedded (or REDIS_URL) Redis, migrate, demo data, then the web
# server, one Celery worker and Celery beat under one process manager. Ctrl-C stops everything.
run: install
	$(PY) -m xmhub.devserver

# Lint, missing migrations, the row-level-security system check on the migrated development database
# (migrating it first also creates the cluster-wide app role once, before the parallel test databases race
# to create it), then the whole suite (fresh test databases, $(PYTEST_WORKERS) processes).
test: install
	$(PY) -m ruff check .
	DJANGO_SETTINGS_MODULE=xmhub.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py check --database default
	$(PY) -m pytest -n $(PYTEST_WORKERS) --create-db

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

bench: install
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) .data staticfiles
