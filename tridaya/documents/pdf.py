"""PDF rendering: a Django template becomes HTML, and WeasyPrint lays it out on A4 paper.

Rendering is offline by design. Resources are fetched only through `OfflineURLFetcher`: a URL
under `STATIC_URL` (whatever host it carries) is read from the project's static files, `data:`
URIs are read as they are, and `file:` URLs are read only inside the static directories. Every
other URL is refused, so a document never waits on (or leaks to) the network.

Page layout (A4, 2.5 cm margins, fonts) lives in static/css/print.css, which
templates/documents/base_print.html links; the "Halaman X dari Y" footer is written by that base
template from `page_footer_css` so the words can be translated.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

# WeasyPrint (with Pango, fontconfig and its CSS machinery) is imported on the first render, not
# when a view module that can render imports this one: a server's URL conf and every management
# command stay light (issue 11, item 13).

# A base URL that cannot reach anything: relative URLs in a template resolve against it and are
# then served (or refused) by OfflineURLFetcher.
OFFLINE_BASE_URL = "https://tridaya.invalid/"

# WeasyPrint logs every layout step at INFO; the project's root logger shows INFO, so without
# this each document would write seven lines to the log. Warnings (a refused URL) still show.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

_PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


def static_roots() -> list[Path]:
    """Directories whose files a document may embed: STATICFILES_DIRS and STATIC_ROOT."""
    roots = []
    for entry in settings.STATICFILES_DIRS:
        directory = entry[1] if isinstance(entry, tuple | list) else entry
        roots.append(Path(directory).resolve())
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def find_static_file(name: str) -> Path | None:
    """The local file behind a static name, e.g. 'css/print.css', or None."""
    name = name.lstrip("/")
    if not name or ".." in Path(name).parts:
        return None
    # Collected (possibly hashed) files first: that is what {% static %} names in production.
    try:
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except NotImplementedError:  # remote storage: fall back to the finders
        pass
    found = finders.find(name)
    if isinstance(found, list):
        found = found[0] if found else None
    return Path(found) if found else None


@functools.cache
def offline_fetcher_class() -> type[URLFetcher]:
    """`OfflineURLFetcher`: serves static files and data URIs; refuses the network and files
    outside static dirs (a subclass of WeasyPrint's fetcher, defined on first use)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

    class OfflineURLFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            parts = urlsplit(url)
            static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
            path = unquote(parts.path)
            if scheme in ("http", "https") and path.startswith(static_prefix):
                local = find_static_file(path[len(static_prefix) :])
                if local is None:
                    raise ValueError(f"static file not found for a document: {url}")
                return super().fetch(path2url(str(local)), headers)
            if scheme == "file":
                local = Path(path).resolve()
                if any(local.is_relative_to(root) for root in static_roots()) and local.is_file():
                    return super().fetch(url, headers)
                raise ValueError(f"documents may only read static files, not {url}")
            raise ValueError(f"documents are rendered offline; refusing {url}")

    return OfflineURLFetcher


def __getattr__(name: str) -> Any:
    if name == "OfflineURLFetcher":  # `from tridaya.documents.pdf import OfflineURLFetcher`
        return offline_fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def page_footer_css(text: str | None = None) -> SafeString:
    """A CSS `content` value for the page footer.

    `text` holds the placeholders %(page)s and %(pages)s, by default the translated
    "Halaman %(page)s dari %(pages)s"; they become CSS page counters.
    """
    if text is None:
        text = _("Halaman %(page)s dari %(pages)s")
    pieces = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            pieces.append(css_string(text[position : match.start()]))
        pieces.append(f"counter({match.group(1)})")
        position = match.end()
    if position < len(text):
        pieces.append(css_string(text[position:]))
    return mark_safe(" ".join(pieces) or '""')  # every piece is escaped above


def css_string(value: str) -> str:
    """A double-quoted CSS string; safe inside a <style> element."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>&' or ord(char) < 32 else char for char in value
    )
    return f'"{escaped}"'


def render_html(template_name: str, context: dict[str, Any]) -> str:
    """The HTML a PDF is made from (handy for previews and tests)."""
    full_context = {"page_footer_css": page_footer_css(), **context}
    return render_to_string(template_name, full_context)


def render_pdf(
    template_name: str, context: dict[str, Any], *, base_url: str | None = None
) -> bytes:
    """Render `template_name` with `context` and return the PDF bytes.

    `base_url` is what relative URLs in the template resolve against (for instance
    `request.build_absolute_uri("/")`); static URLs are read from disk whatever the host, and
    nothing is fetched from the network.
    """
    from weasyprint import HTML

    html = render_html(template_name, context)
    document = HTML(
        string=html,
        base_url=base_url or OFFLINE_BASE_URL,
        url_fetcher=offline_fetcher_class()(allow_redirects=False),
    )
    pdf = document.write_pdf()
    assert pdf is not None  # write_pdf returns the bytes when no target is given
    return pdf
