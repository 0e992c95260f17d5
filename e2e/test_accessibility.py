"""WCAG 2.1 AA with axe-core (vendored, static/vendor/axe-core-*) over the main page of every
app, signed out and signed in, on a phone-sized screen: no serious or critical violation."""

import re

import pytest
from playwright.sync_api import expect

from tridaya.core.demo import DEMO_PASSWORD
from tridaya.core.vendor import VENDOR
from tridaya.regions.demo import BAJUR

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]

VILLAGE = f"/wilayah/{BAJUR}"
PUBLIC_PAGES = [
    "/",
    "/wilayah/",
    "/siklus/",
    "/dasbor/",
    "/akun/masuk/",
    f"{VILLAGE}/",
    f"{VILLAGE}/lembaga/",
    f"{VILLAGE}/siklus/",
    f"{VILLAGE}/pelatihan/",
    f"{VILLAGE}/pemetaan/",
    f"{VILLAGE}/perencanaan/prioritas/",
    f"{VILLAGE}/perencanaan/kawasan/",
    f"{VILLAGE}/pemasaran/",
    f"{VILLAGE}/keuangan/",
    f"{VILLAGE}/pembangunan/",
    f"{VILLAGE}/publik/",
    f"{VILLAGE}/pengaduan/baru/",
    "/pengaduan/lacak/",
    "/wilayah/52.01/dasbor/",
]
SIGNED_IN_PAGES = [
    *PUBLIC_PAGES[:4],
    *PUBLIC_PAGES[5:],
    f"{VILLAGE}/profil/ubah/",
    f"{VILLAGE}/pengaduan/",
    f"{VILLAGE}/riwayat/",
    "/akun/saya/",
]
RULESET = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    # By URL from this site: the Content-Security-Policy refuses an inline script.
    page.add_script_tag(url=f"/static/{VENDOR['axe_js']}")
    found = page.evaluate("options => axe.run(document, options)", RULESET)["violations"]
    return [
        f"{v['impact']} {v['id']}: {v['help']} -> "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:4])
        for v in found
        if v["impact"] in {"serious", "critical"}
    ]


def _scan(page, base_url: str, paths: list[str]) -> dict[str, list[str]]:
    page.set_default_timeout(60_000)  # the first request of the server imports every view
    report = {}
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response is not None and response.status == 200, (path, response and response.status)
        page.wait_for_load_state("networkidle")
        toggler = page.locator(".navbar-toggler")
        if toggler.is_visible():  # the phone's collapsed top menu: open it, its links count too
            toggler.click()
            expect(page.locator("#nav")).to_have_class(re.compile(r"\bshow\b"))
        if problems := _violations(page):
            report[path] = problems
    return report


def test_main_pages_signed_out_have_no_serious_violations(page, live_server):
    report = _scan(page, live_server.url, PUBLIC_PAGES)
    assert report == {}, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in report.items())


def _sign_in(page, base_url: str) -> None:
    page.set_default_timeout(60_000)
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill("bkm.bajur")
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/akun/masuk/"))


def test_main_pages_signed_in_have_no_serious_violations(page, live_server):
    _sign_in(page, live_server.url)
    report = _scan(page, live_server.url, SIGNED_IN_PAGES)
    assert report == {}, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in report.items())


DESCRIBED_BY_MISSING = """() => [...document.querySelectorAll('[aria-describedby]')].flatMap(
    el => el.getAttribute('aria-describedby').split(/\\s+/).filter(
        id => id && !document.getElementById(id)).map(id => `${el.id || el.name} -> #${id}`))"""


def test_a_failed_submit_focuses_the_error_and_every_description_exists(page, live_server):
    """Help and error texts carry the ids the fields' aria-describedby names, and after a
    refused form focus is on the error summary or the first wrong field, not the page top."""
    _sign_in(page, live_server.url)
    page.goto(f"{live_server.url}{VILLAGE}/profil/ubah/")
    assert page.evaluate(DESCRIBED_BY_MISSING) == []
    field = page.locator("main form input[type=number]").first
    page.evaluate("() => document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    field.fill("-5")
    field.evaluate("el => el.form.requestSubmit()")
    page.wait_for_load_state("networkidle")
    errors = page.locator("main [aria-invalid='true']")
    expect(errors.first).to_be_visible()
    assert page.evaluate(DESCRIBED_BY_MISSING) == []
    error_id = errors.first.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_be_visible()
    focused = page.evaluate(
        "() => document.activeElement.getAttribute('aria-invalid') === 'true' "
        "|| document.activeElement.hasAttribute('data-error-summary')"
    )
    assert focused, page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
    assert _violations(page) == []
