# Tridaya: `make run` serves the demo, `make test` runs every suite. See README.md.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE := tridaya.settings

# mypy (django-stubs) covers the whole package (pyproject.toml [tool.mypy]); services,
# selectors and policies must type every function.
TYPED = tridaya

.PHONY: run test lint format install messages vendor bench clean-db

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) messages

messages: $(STAMP)
	$(BIN)/python scripts/compile_messages.py

run: install
	@# A laptop's settings (DJANGO_DEBUG=1), so plain `manage.py` commands work afterwards too.
	test -f .env || cp .env.example .env
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input -v 0
	DJANGO_DEBUG=1 $(BIN)/python manage.py import_regions
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Tridaya berjalan di http://127.0.0.1:8000  (Ctrl+C untuk berhenti)"
	@echo "Masuk sebagai bkm.bajur, fasilitator.bajur, korkot.lobar, provinsi.ntb atau admin;"
	@echo "kata sandi semua akun demo: tridaya-demo-2026"
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	bash scripts/test.sh

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
