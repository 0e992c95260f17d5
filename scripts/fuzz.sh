#!/usr/bin/env bash
# API fuzzing: schemathesis over every operation of /api/schema/, as an anonymous caller and as
# the demo village's BKM, against the app in-process (WSGI) on a database seeded with the demo.
# Usage: scripts/fuzz.sh [examples per operation and caller]   (default 5; `make fuzz` uses 100)
# The database is DATABASE_URL when set, else var/fuzz.sqlite3 (migrated and seeded on the
# first run, reused afterwards: every case is rolled back). Exit status 1 on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
export TRIDAYA_FUZZ_EXAMPLES="${1:-5}"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$PWD/var/fuzz.sqlite3}"
# Files the demo seed and the fuzzed uploads write stay apart from `make run`'s var/media.
export TRIDAYA_MEDIA_ROOT="${TRIDAYA_MEDIA_ROOT:-$PWD/var/fuzz-media}"
# `python -m pytest`: this checkout on sys.path first (a shared venv may hold another one).
exec .venv/bin/python -m pytest -q fuzz
