# XM Hub. `make run` starts everything; `make test` runs the tests. Only Python 3.11+ is needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) -m xmhub.devserver

test: install
	$(PY) -m ruff check .
	DJANGO_SETTINGS_MODULE=xmhub.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n 2 --create-db

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

bench: install
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) .data staticfiles
