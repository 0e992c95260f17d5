"""The permission matrix: every route of the URL resolver and every operation of the API schema
has a rule (in its app's `tests/permissions.py`), and every route is asked as every viewer
(anonymous, a resident, each village role of Desa Bajur, the facilitator, the korkot, the province
and the admin) against Bajur's own objects and its neighbour Terong Tawah's.

A refused request answers 404 outside the viewer's scope (no existence leak), 403 inside it, or the
login page for an anonymous visitor; a refused unsafe request changes no row in any table. The
demo is seeded once per module (and rolled back after it); each check runs in the test's own
transaction.
"""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tridaya.core.policy import assignments
from tridaya.core.tests import permission_matrix as pm
from tridaya.regions import demo as regions_demo
from tridaya.regions.tests.factories import region

ROUTES = pm.url_routes()
RULES = pm.collected_rules()


def test_every_route_has_a_rule_and_every_rule_a_route():
    missing = sorted(name for name in ROUTES if pm.rule_for(name, RULES) is None)
    namespaces = {name.split(":", 1)[0] + ":*" for name in ROUTES if ":" in name}
    namespaces.add("admin:<unnamed>")
    stale = sorted(set(RULES) - set(ROUTES) - namespaces)
    assert not missing, f"routes without a permission rule: {missing}"
    assert not stale, f"permission rules naming no route: {stale}"


# --- the demo, seeded once per module ------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Desa Bajur and Terong Tawah seeded inside an outer transaction that is rolled back when
    the module ends, with one signed-in client per viewer."""
    with django_db_blocker.unblock():
        atomics = TestCase._enter_atomics()
        try:
            for code in regions_demo.DEMO_VILLAGES:
                region(code)
            call_command("seed_demo", stdout=io.StringIO())
            _demo_extras()
            yield _viewers()
        finally:
            TestCase._rollback_atomics(atomics)


def _demo_extras():
    """Objects the demo village lacks but a route needs: a KSM proposal, a problem photo, an
    audit finding and a tax line."""
    import datetime as dt

    from tridaya.finance.models import Allocation
    from tridaya.finance.services.proposals import proposal_create
    from tridaya.finance.tests.factories import receipt_png
    from tridaya.institutions.models import KSM
    from tridaya.mapping.models import Problem
    from tridaya.mapping.services.problems import photo_add

    allocation = pm.first(Allocation, village_id=pm.BAJUR)
    ksm = pm.first(KSM, village_id=pm.BAJUR)
    proposal_create(
        actor=None, allocation=allocation, ksm=ksm, number="UP-1", proposed_on=dt.date(2026, 5, 4)
    )
    photo_add(actor=None, problem=pm.first(Problem, village_id=pm.BAJUR), image=receipt_png())
    _finance_extras()


def _finance_extras():
    """An audit finding to close and a tax line to deposit (tax lines are off by default, so
    the line is stored directly)."""
    import datetime as dt
    from decimal import Decimal

    from tridaya.finance.models import TaxLine, Voucher
    from tridaya.finance.services.reports import FindingInput, audit_record
    from tridaya.regions.models import Region

    audit_record(
        actor=None,
        village=Region.objects.get(code=pm.BAJUR),
        year=2025,
        auditor="KAP Contoh",
        audited_on=dt.date(2026, 3, 2),
        opinion="wdp",
        findings=[FindingInput(text="Bukti kas belum lengkap.")],
    )
    voucher = pm.first(Voucher, village_id=pm.BAJUR)
    TaxLine.objects.create(
        voucher=voucher, tax_type="PPh 23", base=1_000_000, rate=Decimal(2), amount=20_000
    )


def _viewers():
    from tridaya.accounts.models import User

    viewers = {}
    for name, username in pm.VIEWERS.items():
        client = Client()
        user = None
        if username is not None:
            user = User.objects.get(username=username)
            client.force_login(user)
        session = client.cookies.get(settings.SESSION_COOKIE_NAME)
        viewers[name] = (client, user, list(assignments(user)) if user else [], session)
    return viewers


# --- the checks ----------------------------------------------------------------------------


def changes() -> int:
    """How many rows any INSERT, UPDATE or DELETE has touched on this connection so far: a
    checksum of every table's content that moves on any change, cheap enough for every check."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        else:
            cursor.execute(
                "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                " FROM pg_stat_xact_user_tables"
            )
        return int(cursor.fetchone()[0])


REGIONAL = re.compile(r"(wilayah|villages|regions)/<str:code>")  # `code` is a region's


def _path(name, rule, village):
    route = ROUTES[name]
    kwargs = {"code": village} if "<str:code>" in route.pattern else {}
    if rule.params is not None:
        kwargs.update(_params(rule, village, bool(REGIONAL.search(route.pattern))))
    elif name.startswith("admin:"):
        names = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route.pattern)
        kwargs = {n: pm.GENERIC_PARAMS[n] for pair in names for n in pair if n}
    crossed = kwargs.pop("crossed", False)
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    if name.startswith("<unnamed"):
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: pm.GENERIC_PARAMS[m.group(1)], route.pattern)
        return path.replace("^", "").replace("(?P<url>.*)$", "x/"), village, False
    region = kwargs.get("code") if REGIONAL.search(route.pattern) else village
    if rule.personal:
        region = None  # nobody's region: only its owner and superusers see it
    return reverse(name, kwargs=kwargs), region, crossed


def _params(rule, village, regional):
    """The village's own objects; where the neighbour's demo has none of that kind, the demo
    village's object asked under the neighbour's code (still another village's route)."""
    try:
        return rule.params(village)
    except AssertionError:
        if village == pm.BAJUR:
            raise
        kwargs = {**rule.params(pm.BAJUR), "crossed": True}
        if kwargs.get("code", village) is not None and regional:
            kwargs["code"] = village  # the demo village's object under the neighbour's code
        return kwargs


def _is_api(name):
    return ROUTES[name].pattern.startswith("/api/v1/")


def _expected(verdict, rule, name, crossed=False, write=False):
    if crossed and verdict == pm.HIDDEN:
        return {404}  # the object is not in that village: not found, for anyone
    if crossed and verdict == pm.FORBIDDEN:
        # Not in that village, so not found; or refused before the lookup, which says nothing
        # of the object (a view authorizing the village-level action first).
        return {403, 404}
    public = rule.read is not None and pm.audience(rule.read).public
    if write and verdict == pm.HIDDEN and public:
        return {403, 404}  # a public object has no existence to hide
    if verdict == pm.ALLOW:
        return set(rule.ok)
    if verdict == pm.LOGIN:
        return {401, 403, 404} if _is_api(name) else {302, 404}
    return {403} if verdict == pm.FORBIDDEN else {404}


def _methods(name, rule):
    """The unsafe methods to send: what an API view serves, POST to a page."""
    if _is_api(name):
        return sorted(pm.served_methods(ROUTES[name]) & set(pm.UNSAFE))
    return ["post"]


def _ask(client, method, path, name):
    kwargs = {}
    if _is_api(name) and method != "get":
        kwargs = {"content_type": "application/json", "data": "{}"}
    before = changes()
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, **kwargs)
    written = [
        q["sql"][:120]
        for q in queries.captured_queries
        if q["sql"].lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    return response, changes() - before, written


def _login_redirect(response):
    location = response.get("Location", "")
    return "/akun/masuk/" in location or "/admin/login/" in location


def check_route(name, viewer, demo):
    """Every check of one route as one viewer; returns the failures, each named."""
    rule = pm.rule_for(name, RULES)
    client, user, held, session = demo[viewer]
    failures, seen, asked = [], [], set()
    for target, village in pm.TARGETS.items():
        path, region_code, crossed = _path(name, rule, village)
        if path in asked:
            continue  # a route that names no village: asked once
        asked.add(path)
        if rule.read is not None:
            verdict = pm.verdict(pm.audience(rule.read), user, held, region_code)
            # An allowed page is rendered once, on the own village; refusals on both.
            if verdict != pm.ALLOW or target == "own":
                response, _changed, _written = _ask(client, "get", path, name)
                seen.append((target, "get", response.status_code, verdict))
                failures += _judge(
                    verdict, rule, name, response, None, [], f"GET {path} ({target})", crossed
                )
        for method in _methods(name, rule):
            audience = rule.writes.get(method, rule.write)
            if audience is None:
                verdict = "nobody"
            else:
                verdict = pm.verdict(pm.audience(audience), user, held, region_code)
                if verdict == pm.ALLOW:
                    continue
            response, changed, written = _ask(client, method, path, name)
            if session is not None:  # a refused logout, say, must not sign the viewer out
                client.cookies[settings.SESSION_COOKIE_NAME] = session.value
            seen.append((target, method, response.status_code, verdict))
            where = f"{method.upper()} {path} ({target})"
            if verdict == "nobody":
                failures += _judge_unserved(response, changed, written, where)
            else:
                failures += _judge(verdict, rule, name, response, changed, written, where, crossed)
    return failures, seen


def _judge(verdict, rule, name, response, changed, written, where, crossed=False):
    failures = []
    status = response.status_code
    if status not in _expected(verdict, rule, name, crossed, write=changed is not None):
        failures.append(f"{where}: {status}, the rule says {verdict}")
    elif verdict == pm.LOGIN and status == 302 and not _login_redirect(response):
        failures.append(f"{where}: redirects to {response['Location']}, not to the login")
    if changed:
        failures.append(f"{where}: refused but changed {changed} rows: {written}")
    return failures


def _judge_unserved(response, changed, written, where):
    failures = []
    if response.status_code >= 500 or changed:
        failures.append(f"{where}: no write allowed, got {response.status_code}, {written}")
    return failures


ADMIN_SITE = sorted(name for name in ROUTES if name.startswith(("admin:", "<unnamed /admin/")))
PARAMS = [
    (name, viewer)
    for name in sorted(ROUTES)
    if name not in ADMIN_SITE and pm.rule_for(name, RULES) is not None
    for viewer in pm.VIEWERS
]


@pytest.mark.parametrize(("name", "viewer"), PARAMS)
def test_route_as_viewer(name, viewer, demo, db):
    if name not in ROUTES:
        pytest.fail(f"{name}: a rule without a route")
    rule = pm.rule_for(name, RULES)
    try:
        failures, _seen = check_route(name, viewer, demo)
    except Exception as error:
        if not rule.hole:
            raise
        pytest.xfail(f"known hole, {rule.hole}: {error!r}")
    if failures and rule.hole:
        pytest.xfail(f"known hole, {rule.hole}: " + "; ".join(failures))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("viewer", list(pm.VIEWERS))
def test_admin_site_as_viewer(viewer, demo, db):
    """Django's admin site, one rule for all its routes (`admin:*`): staff only."""
    failures = []
    for name in ADMIN_SITE:
        failures += check_route(name, viewer, demo)[0]
    assert not failures, "\n".join(failures)


def test_every_api_operation_of_the_schema_is_checked():
    """Each operation the OpenAPI schema publishes is a route with a rule that checks its method:
    GET by the read rule, the unsafe methods by the write rule (refusals asked of every viewer)."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    # The schema names a `pk` path parameter `id`.
    by_path = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", r.pattern).replace("{pk}", "{id}"): name
        for name, r in ROUTES.items()
    }
    unchecked = []
    for path, item in schema["paths"].items():
        for method in item:
            name = by_path.get(path)
            rule = pm.rule_for(name, RULES) if name else None
            served = pm.served_methods(ROUTES[name]) if name else set()
            if rule is None or method not in served:
                unchecked.append(f"{method.upper()} {path}")
            elif method == "get" and rule.read is None:
                unchecked.append(f"{method.upper()} {path} (no read rule)")
    operations = sum(len(item) for item in schema["paths"].values())
    assert operations > 100
    assert not unchecked, f"API operations without a checked rule: {unchecked}"
