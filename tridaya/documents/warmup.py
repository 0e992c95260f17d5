"""Warm the document stack of a server process before its first download.

A fresh process pays, on its first PDF, for what every later PDF reuses: loading WeasyPrint,
Pango and fontconfig with the print fonts, matplotlib and its font list, and compiling the plan
templates. `start_after_first_request()` (called from `tridaya/wsgi.py`, so in each gunicorn
worker and in `runserver`) does that once, in a background thread started when the process has
answered its first request, by rendering a one-page plan document and a
small chart, so the user's first download costs what later ones cost. `TRIDAYA_WARM_DOCUMENTS=0`
turns it off."""

from __future__ import annotations

import datetime as dt
import inspect
import logging
import os
import threading
import time

from django.core.signals import request_finished

log = logging.getLogger(__name__)
_UID = "tridaya-warm-documents"


def warm_up() -> float:
    """Render a small chart and a one-page plan PDF; return the seconds it took."""
    start = time.perf_counter()
    from tridaya.documents import figures
    from tridaya.documents.plan_document import Chapter, Image, Paragraphs, PlanDocument, plan_pdf

    # Drawn, not read from the figure cache: the point is to load matplotlib and its fonts.
    draw_chart = inspect.unwrap(figures.bar_chart_png)
    chart = draw_chart(["L", "E", "S"], [3, 2, 1], axis_label="juta", title="Tridaya")
    doc = PlanDocument(
        document_title="RPLP",
        plan_title="Tridaya",
        village_kind_and_name="Desa",
        district="",
        regency="",
        province="",
        period="2027-2031",
        version_label="",
        issued_on=dt.date(2026, 1, 1),
        chapters=[Chapter("Pendahuluan", [Paragraphs(["Tridaya."]), Image(chart, "Grafik")])],
        signers=[],
        signing_place="",
    )
    plan_pdf(doc)
    return time.perf_counter() - start


def _run() -> None:
    try:
        seconds = warm_up()
    except Exception:  # a failed warm-up only means the first download is slower
        log.warning("document warm-up failed", exc_info=True)
    else:
        log.info("document stack warmed up in %.1f s", seconds)


def start() -> threading.Thread | None:
    """Warm up now, in a background thread (None when TRIDAYA_WARM_DOCUMENTS=0)."""
    if os.environ.get("TRIDAYA_WARM_DOCUMENTS", "1") == "0":
        return None
    thread = threading.Thread(target=_run, name="tridaya-warm-documents", daemon=True)
    thread.start()
    return thread


def _after_first_request(**_kwargs: object) -> None:
    request_finished.disconnect(dispatch_uid=_UID)
    start()


def start_after_first_request() -> None:
    """Warm up once the process has answered its first request: a starting server answers
    first (its start is not slowed by loading WeasyPrint, issue 11, item 13), then warms the
    document stack in the background before anyone asks for a document (issue 11, item 12)."""
    if os.environ.get("TRIDAYA_WARM_DOCUMENTS", "1") == "0":
        return
    request_finished.connect(_after_first_request, dispatch_uid=_UID, weak=False)
