# Two commands for a fresh machine (see README.md):
#   make demo   set up, then build the sample clinics into output/
#   make test   set up, then run the whole suite (lint, types, tests — browser tests included)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test setup system-deps lint typecheck pytest benchmark readme-picture catalog clean

demo: setup
	$(BIN)/leaflet build data/clinics --out output
	@echo "Open output/index.html, or output/<clinic>/ptsd.en.pdf and brochure.<location>.en.pdf (.es. in Spanish)."

test: setup lint typecheck pytest

setup: system-deps $(INSTALLED)

system-deps:
	@scripts/install-system-deps

$(INSTALLED): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $(INSTALLED)

lint: $(INSTALLED)
	$(BIN)/ruff check leaflet tests benchmarks
	$(BIN)/ruff format --check leaflet tests benchmarks

typecheck: $(INSTALLED)
	$(BIN)/mypy

pytest: $(INSTALLED)
	$(BIN)/python -m pytest

benchmark: setup
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/browser.py

readme-picture: demo
	pdftoppm -r 60 -png -f 1 -l 1 -singlefile output/austin/ptsd.en.pdf docs/handout-page-1
	pdftoppm -r 60 -png -f 2 -l 2 -singlefile output/austin/ptsd.en.pdf docs/handout-page-2
	pdftoppm -r 60 -png -f 1 -l 1 -singlefile output/austin/brochure.central.en.pdf docs/brochure-page-1
	pdftoppm -r 60 -png -f 2 -l 2 -singlefile output/austin/brochure.central.en.pdf docs/brochure-page-2
	pdftoppm -r 60 -png -f 1 -l 1 -singlefile output/austin/ptsd.es.pdf docs/handout-es-page-1

# After words in templates/ or leaflet/ changed: bring every data/locale/<lang>/LC_MESSAGES/leaflet.po up to date
# (new messages come in untranslated; tests/test_i18n.py fails until each is translated).
catalog: $(INSTALLED)
	@mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg -k N_ --add-location=file -w 120 -o build/leaflet.pot .
	$(BIN)/pybabel update -i build/leaflet.pot -d data/locale -D leaflet -w 120 --ignore-obsolete

clean:
	rm -rf $(VENV) output build dist *.egg-info
