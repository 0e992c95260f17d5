# Tridaya: `make run` serves the demo, `make test` runs every suite. See README.md.
PY ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE := tridaya.settings

# mypy (django-stubs) covers the whole package (pyproject.toml [tool.mypy]); services,
# selectors and policies must type every function.
TYPED = tridaya

.PHONY: run test fuzz lint format install messages vendor bench clean-db

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) messages

# A catalogue is compiled again only when its .po changed (a second `make run` skips it).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

messages: $(MO_FILES)

$(MO_FILES): %.mo: %.po $(STAMP)
	$(BIN)/python scripts/compile_messages.py

run: install
	@# A laptop's settings (DJANGO_DEBUG=1), so plain `manage.py` commands work afterwards too.
	test -f .env || cp .env.example .env
	@# One process prepares (migrate, import_regions, seed_demo, each skipped when already in
	@# place: a stored checksum of the region files, a fingerprint of the demo sources) and
	@# then serves; the demo logins are printed in between.
	@echo "Tridaya: http://127.0.0.1:$(PORT)  (Ctrl+C untuk berhenti)"
	DJANGO_DEBUG=1 $(BIN)/python manage.py rundemo 127.0.0.1:$(PORT)

test: install
	bash scripts/test.sh

# The API fuzz run with many more cases per operation than the one in `make test`.
FUZZ_EXAMPLES ?= 100
fuzz: install
	bash scripts/fuzz.sh $(FUZZ_EXAMPLES)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=1 $(BIN)/python manage.py check
	TRIDAYA_TESTING=1 $(BIN)/mypy $(TYPED)
	$(BIN)/python scripts/check_function_length.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

vendor:
	$(PY) scripts/fetch_vendor.py

bench: install
	$(BIN)/python bench/regions.py

clean-db:
	rm -f var/tridaya.sqlite3 var/tridaya.sqlite3-wal var/tridaya.sqlite3-shm
