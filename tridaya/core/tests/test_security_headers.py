"""The Content-Security-Policy refuses inline scripts, styles and event handlers; these tests
prove the headers are sent and that no page template carries inline code (templates rendered
into PDFs by WeasyPrint, which extend documents/base_print.html, are not pages)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tridaya.core.security_headers import content_security_policy, tile_source

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+=[\"']", re.I)


def page_templates() -> list[Path]:
    found = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        if path.is_relative_to(TEMPLATES / "documents") or "documents/base_print.html" in text:
            continue  # rendered to PDF, never served to a browser
        found.append(path)
    return found


def test_no_page_template_carries_inline_code():
    offenders = []
    for path in page_templates():
        text = path.read_text()
        for name, pattern in (
            ("inline script", INLINE_SCRIPT),
            ("inline style", INLINE_STYLE),
            ("event handler", EVENT_HANDLER),
        ):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {name}")
    assert offenders == []
    assert len(page_templates()) > 100  # the scan really walked the templates


def test_the_scan_catches_each_kind_of_inline_code():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/x.js"></script>')
    assert not INLINE_SCRIPT.search('<script id="d" type="application/json">{}</script>')
    assert INLINE_STYLE.search('<div style="width:1px">')
    assert EVENT_HANDLER.search('<form onsubmit="return confirm()">')
    assert not EVENT_HANDLER.search('<div data-confirm="x">')


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    response = client.get("/akun/masuk/")
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "same-origin"
    assert "geolocation=(self)" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_map_tiles_are_the_only_other_images_allowed():
    assert tile_source("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == (
        "https://tile.openstreetmap.org"
    )
    assert tile_source("https://{s}.tile.example.id/{z}/{x}/{y}.png") == (
        "https://*.tile.example.id"
    )
    assert tile_source("/tiles/{z}/{x}/{y}.png") == ""
    assert tile_source("") == ""
    policy = content_security_policy("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: blob: https://tile.openstreetmap.org;" in policy


@pytest.mark.django_db
def test_the_api_docs_need_no_inline_script(client):
    page = client.get("/api/docs/").content.decode()
    assert not INLINE_SCRIPT.search(page)
