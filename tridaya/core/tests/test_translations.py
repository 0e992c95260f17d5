"""The English catalogue (locale/en/LC_MESSAGES/django.po) is complete and in use.

Indonesian is the source language: every user-facing string in the code and templates is written
in Indonesian and marked for translation, and English comes from the catalogue. These tests fail
when a translation is missing or fuzzy, when code or templates gained a string the catalogue does
not have yet, and when an English page still shows Indonesian text.

To update the catalogue after adding strings:

    DJANGO_DEBUG=1 .venv/bin/python manage.py makemessages -l en --no-obsolete \\
        --ignore=.venv --ignore=static/vendor --ignore=var --ignore=bench --ignore=e2e

then translate the new entries and run `make messages`.
"""

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
PO_PATH = ROOT / "locale/en/LC_MESSAGES/django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

# The same exclusions as the makemessages command in the module docstring.
IGNORED = [".venv", "static/vendor", "var", "bench", "e2e"]
# makemessages reads only these files for the "django" domain (its default extensions).
EXTRACTED_SUFFIXES = {".py", ".html", ".txt"}
GETTEXT_PROGRAMS = ("xgettext", "msguniq", "msgmerge")


def read_catalog(path: Path):
    with path.open("rb") as po_file:
        return read_po(po_file, locale="en")


def entries(catalog):
    """Every message except the header, keyed by (context, msgid)."""
    return {(message.context, message.id): message for message in catalog if message.id}


def describe(key) -> str:
    context, msgid = key
    text = msgid[0] if isinstance(msgid, tuple) else msgid
    return f"[{context}] {text!r}" if context else repr(text)


def listing(keys) -> str:
    return "\n".join(f"  {describe(key)}" for key in sorted(keys, key=describe))


def test_every_entry_is_translated_and_not_fuzzy():
    catalog = read_catalog(PO_PATH)
    assert not catalog.fuzzy, "the catalogue header is marked fuzzy"
    untranslated, fuzzy = [], []
    for key, message in entries(catalog).items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(key)
        if message.fuzzy:
            fuzzy.append(key)
    problems = []
    if untranslated:
        problems.append(f"untranslated entries:\n{listing(untranslated)}")
    if fuzzy:
        problems.append(f"fuzzy entries (check them, then drop the flag):\n{listing(fuzzy)}")
    assert not problems, f"{PO_PATH.relative_to(ROOT)} is incomplete:\n" + "\n".join(problems)


def test_translations_keep_placeholders_and_plural_forms():
    catalog = read_catalog(PO_PATH)
    assert catalog.num_plurals == 2
    problems = [
        f"  {describe((message.context, message.id))}: {error}"
        for message, errors in catalog.check()
        for error in errors
    ]
    assert not problems, "translations that break their format strings:\n" + "\n".join(problems)


def copy_extractable_sources(destination: Path) -> None:
    """Copy what makemessages would read (and the catalogue itself) into `destination`."""
    for directory, subdirs, files in os.walk(ROOT):
        here = Path(directory)
        relative = here.relative_to(ROOT)
        subdirs[:] = [
            name
            for name in subdirs
            if not name.startswith(".")
            and name != "__pycache__"
            and (relative / name).as_posix() not in IGNORED
        ]
        for name in files:
            path = here / name
            if path.suffix in EXTRACTED_SUFFIXES or path == PO_PATH:
                target = destination / relative / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)


def test_catalogue_has_every_string_marked_in_code_and_templates(tmp_path, monkeypatch, settings):
    missing_programs = [name for name in GETTEXT_PROGRAMS if shutil.which(name) is None]
    if missing_programs:
        reason = f"gettext programs not installed: {', '.join(missing_programs)}"
        if os.environ.get("TRIDAYA_REQUIRE_ALL_SUITES") == "1":
            pytest.fail(f"{reason} (required by TRIDAYA_REQUIRE_ALL_SUITES=1)")
        pytest.skip(reason)

    committed_bytes = PO_PATH.read_bytes()
    copy_extractable_sources(tmp_path)
    # Extract inside the copy: makemessages writes to LOCALE_PATHS and to ./locale, so both point
    # into tmp_path and the repository's catalogue is never touched.
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command(
        "makemessages",
        locale=["en"],
        ignore_patterns=IGNORED,
        no_obsolete=True,
        verbosity=0,
    )
    assert PO_PATH.read_bytes() == committed_bytes, "extraction modified the real catalogue"

    fresh = entries(read_catalog(tmp_path / "locale/en/LC_MESSAGES/django.po"))
    committed = entries(read_catalog(PO_PATH))
    missing = fresh.keys() - committed.keys()
    stale = committed.keys() - fresh.keys()
    command = "manage.py makemessages -l en --no-obsolete (see this module's docstring)"
    assert not missing, (
        f"strings marked for translation but missing from {PO_PATH.relative_to(ROOT)}; "
        f"run {command} and translate them:\n{listing(missing)}"
    )
    assert not stale, (
        f"entries in {PO_PATH.relative_to(ROOT)} that no code or template uses any more; "
        f"run {command}:\n{listing(stale)}"
    )


def compile_messages_if_stale() -> None:
    """Build the .mo the way `make messages` does, unless it is already newer than the .po."""
    if MO_PATH.exists() and MO_PATH.stat().st_mtime >= PO_PATH.stat().st_mtime:
        return
    spec = importlib.util.spec_from_file_location(
        "compile_messages", ROOT / "scripts/compile_messages.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main() == 0, "scripts/compile_messages.py failed"


@pytest.mark.django_db
def test_home_page_is_english_after_switching_language(client, settings):
    compile_messages_if_stale()
    # Re-assigning LOCALE_PATHS makes Django drop any catalogue it cached before the .mo was built.
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"

    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    for english in ("Search regions", "Tridaya: community-based settlement upgrading"):
        assert english in page
    for indonesian in ("Cari wilayah", "penataan lingkungan permukiman berbasis komunitas"):
        assert indonesian not in page


@pytest.mark.django_db
def test_home_page_is_indonesian_by_default(client):
    page = client.get("/").content.decode()
    assert '<html lang="id">' in page
    assert "Cari wilayah" in page
    assert "Search regions" not in page
