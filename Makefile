# One command to start the app on demo data, one to run every test.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DEMO_HOUSEHOLDS ?= 5000

.PHONY: run test bench venv i18n screenshots clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

## make run: open Tepat on the local SQLite database, loading demo data when it is empty
run: $(STAMP)
	$(VENV)/bin/tepat demo --if-empty --households $(DEMO_HOUSEHOLDS)
	$(VENV)/bin/tepat

## make test: the whole suite (PostgreSQL tests run when TEPAT_TEST_POSTGRES_URL is set)
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

## make bench: every benchmark, one JSON object per figure and line
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

## make i18n: refresh the translation sources and compile them
i18n: $(STAMP)
	$(PY) -m resources.i18n.update

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
