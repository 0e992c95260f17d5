import io

import pypdf
import pytest

from tridaya.documents.berita_acara import attendance_sheet_pdf
from tridaya.documents.pdf import OfflineURLFetcher, css_string, page_footer_css, render_html
from tridaya.documents.tests.factories import attendance_sheet

# render_pdf is exercised through attendance_sheet_pdf, a two-page document.


@pytest.fixture(scope="module")
def sheet_pdf():
    return pypdf.PdfReader(io.BytesIO(attendance_sheet_pdf(attendance_sheet())))


def test_pages_are_a4(sheet_pdf):
    for page in sheet_pdf.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # 210 x 297 mm in points


def test_print_stylesheet_is_applied_offline(sheet_pdf):
    """print.css is linked through {% static %}; its font only shows if it was read from disk."""
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in sheet_pdf.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all(name.startswith("Liberation-Serif") for name in fonts)


def test_pages_are_numbered_x_of_y(sheet_pdf):
    texts = [page.extract_text() for page in sheet_pdf.pages]
    assert ["Halaman 1 dari 2" in texts[0], "Halaman 2 dari 2" in texts[1]] == [True, True]


def test_rendering_is_deterministic():
    assert attendance_sheet_pdf(attendance_sheet()) == attendance_sheet_pdf(attendance_sheet())


def test_footer_counters_come_from_the_translated_text():
    assert page_footer_css() == '"Halaman " counter(page) " dari " counter(pages)'
    assert page_footer_css("Page %(page)s of %(pages)s") == (
        '"Page " counter(page) " of " counter(pages)'
    )


def test_css_strings_cannot_break_out_of_the_style_element():
    escaped = css_string('a"b</style><script>')
    assert '"' not in escaped[1:-1]
    assert "<" not in escaped and ">" not in escaped


def test_html_links_the_print_stylesheet():
    html = render_html("documents/base_print.html", {})
    assert 'href="/static/css/print.css"' in html
    assert 'content: "Halaman " counter(page) " dari " counter(pages);' in html


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "ftp://example.com/file",
    ],
)
def test_fetcher_refuses_the_network_and_files_outside_static(url):
    with pytest.raises(ValueError):
        OfflineURLFetcher().fetch(url)


def test_fetcher_serves_static_files_from_disk_whatever_the_host():
    for url in (
        "https://tridaya.invalid/static/css/print.css",
        "http://example.org/static/css/print.css",
    ):
        response = OfflineURLFetcher().fetch(url)
        try:
            assert b"@page" in response.read()
        finally:
            response.close()


def test_fetcher_refuses_missing_static_files_and_path_tricks():
    for url in (
        "https://tridaya.invalid/static/css/nope.css",
        "https://tridaya.invalid/static/../tridaya/settings.py",
    ):
        with pytest.raises(ValueError):
            OfflineURLFetcher().fetch(url)


def test_fetcher_reads_data_uris():
    response = OfflineURLFetcher().fetch("data:text/css,p%7Bcolor:red%7D")
    try:
        assert response.read() == b"p{color:red}"
    finally:
        response.close()
