import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404

from tridaya.core.models import AuditEvent
from tridaya.core.policy import authorize, can, covers, scope_q
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
