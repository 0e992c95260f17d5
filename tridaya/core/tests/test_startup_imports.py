"""A server's start loads the URL conf, not the document stack (issue 11, item 13): WeasyPrint,
matplotlib, python-docx and openpyxl are imported where a document is rendered, so `make run`
and every gunicorn worker answer sooner. Checked in a fresh interpreter, since this test process
has long imported them."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

HEAVY = ("weasyprint", "matplotlib", "docx", "openpyxl", "pyogrio")

SCRIPT = f"""
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
import tridaya.wsgi
print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))
"""


def test_the_url_conf_and_wsgi_application_load_no_document_renderer():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tridaya.settings"}
    root = Path(settings.BASE_DIR)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=root, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_document_warm_up_waits_for_the_first_answer(monkeypatch):
    from django.core.signals import request_finished
    from django.db import close_old_connections

    from tridaya.documents import warmup

    started = []
    monkeypatch.setenv("TRIDAYA_WARM_DOCUMENTS", "1")
    monkeypatch.setattr(warmup, "start", lambda: started.append(1))
    warmup.start_after_first_request()
    assert started == []
    # As Django's test client does: without the database, closing old connections is not ours
    # to test (it would touch a connection an earlier test of this worker left open).
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)
    assert started == [1]
