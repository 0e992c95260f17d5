import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404

from tridaya.core.models import AuditEvent
from tridaya.core.policy import authorize, can, covers, scope_q, visible
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH


@pytest.mark.parametrize(
    ("scope", "code", "expected"),
    [
        (None, BAJUR, True),
        ("52", BAJUR, True),
        ("52.01", BAJUR, True),
        (BAJUR, BAJUR, True),
        (BAJUR, TERONG_TAWAH, False),
        ("52.01.08.200", BAJUR, False),
        ("5", BAJUR, False),
        ("52", FAR_VILLAGE, False),
        ("52", None, False),
    ],
)
def test_covers_is_a_whole_segment_prefix(scope, code, expected):
    assert covers(scope, code) is expected


def test_unknown_action_is_a_programming_error():
    with pytest.raises(ImproperlyConfigured):
        can(AnonymousUser(), "nothing.like.this", None)


@pytest.mark.django_db
def test_authorize_hides_out_of_scope_and_forbids_in_scope(users):
    with pytest.raises(Http404):
        authorize(users["village_bkm"], "core.view_audit", FAR_VILLAGE)
    with pytest.raises(PermissionDenied):
        authorize(users["village_resident"], "core.view_audit", BAJUR)
    authorize(users["village_bkm"], "core.view_audit", BAJUR)


@pytest.mark.django_db
def test_scope_q_filters_rows_to_the_users_regions(users):
    for code in (BAJUR, TERONG_TAWAH, FAR_VILLAGE, "52.011.08.201"):
        AuditEvent.objects.create(action="x", object_type="t", object_id="1", region_code=code)

    def visible(user):
        qs = AuditEvent.objects.filter(scope_q(user, "region_code"))
        return sorted(qs.values_list("region_code", flat=True))

    assert visible(users["village_bkm"]) == [BAJUR]
    assert visible(users["regency"]) == [BAJUR, TERONG_TAWAH]
    assert len(visible(users["national"])) == 4
    assert visible(AnonymousUser()) == []


@pytest.mark.django_db
def test_role_names_in_rules_are_checked(settings):
    from django.core.management import call_command

    call_command("check")  # raises SystemCheckError if a rule names an unknown role


def test_authorize_lets_the_system_act_but_still_checks_the_action_name():
    authorize(None, "core.view_audit", FAR_VILLAGE)  # actor None: the system, allowed
    with pytest.raises(ImproperlyConfigured):
        authorize(None, "core.no_such_action", FAR_VILLAGE)
    with pytest.raises(Http404):  # an anonymous visitor is not the system
        authorize(AnonymousUser(), "core.view_audit", FAR_VILLAGE)


@pytest.mark.django_db
def test_visible_filters_a_queryset_to_the_roles_allowed_for_the_action(users):
    for code in (BAJUR, TERONG_TAWAH, FAR_VILLAGE, "52.011.08.201"):
        AuditEvent.objects.create(action="x", object_type="t", object_id="1", region_code=code)

    def codes(user, action="core.view_audit"):
        qs = visible(user, action, AuditEvent.objects.all(), code_field="region_code")
        return sorted(qs.values_list("region_code", flat=True))

    assert codes(users["village_bkm"]) == [BAJUR]
    assert codes(users["regency"]) == [BAJUR, TERONG_TAWAH]
    assert len(codes(users["national"])) == 4
    # A resident holds a role in Bajur, but not one that may read the audit trail.
    assert codes(users["village_resident"]) == []
    assert codes(AnonymousUser()) == []
    assert codes(None) == []
    with pytest.raises(ImproperlyConfigured):
        codes(users["national"], "core.no_such_action")
