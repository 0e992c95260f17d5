"""Who may do what in prioritisation and kawasan prioritas, role by role, in Bajur, its
neighbour and a far village (a role covers its region and everything under it)."""

import pytest

from tridaya.accounts.models import Role
from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.policy import can
from tridaya.planning.policy import MANAGE_KAWASAN, MANAGE_PRIORITIES, VIEW_PRIORITIES, VOTE
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH

VILLAGES = (BAJUR, TERONG_TAWAH, FAR_VILLAGE)
HOLDERS = {
    "national": (Role.NATIONAL_ADMIN, None),
    "province": (Role.PROVINCE_OFFICER, "52"),
    "regency": (Role.CITY_COORDINATOR, "52.01"),
    "facilitator": (Role.FACILITATOR, BAJUR),
    "bkm": (Role.BKM, BAJUR),
    "tipp": (Role.TIPP, BAJUR),
    "upk": (Role.UPK, BAJUR),
    "apparatus": (Role.VILLAGE_APPARATUS, BAJUR),
    "ksm": (Role.KSM, BAJUR),
    "resident": (Role.RESIDENT, BAJUR),
}
# holder -> (manage priorities and kawasan, vote), each for (Bajur, Terong Tawah, far village)
EXPECTED = {
    "national": ((True, True, True), (False, False, False)),
    "province": ((False, False, False), (False, False, False)),
    "regency": ((True, True, False), (False, False, False)),
    "facilitator": ((True, False, False), (False, False, False)),
    "bkm": ((True, False, False), (True, False, False)),
    "tipp": ((True, False, False), (True, False, False)),
    "upk": ((False, False, False), (True, False, False)),
    "apparatus": ((False, False, False), (True, False, False)),
    "ksm": ((False, False, False), (True, False, False)),
    "resident": ((False, False, False), (True, False, False)),
}


@pytest.mark.django_db
@pytest.mark.parametrize("holder", sorted(HOLDERS))
def test_policy_matrix(bajur, terong_tawah, far_village, holder):
    role, code = HOLDERS[holder]
    user = user_with_role(role, code)
    manage, vote = EXPECTED[holder]
    assert tuple(can(user, MANAGE_PRIORITIES, c) for c in VILLAGES) == manage
    assert tuple(can(user, MANAGE_KAWASAN, c) for c in VILLAGES) == manage
    assert tuple(can(user, VOTE, c) for c in VILLAGES) == vote
    assert all(can(user, VIEW_PRIORITIES, c) for c in VILLAGES)


def test_results_and_kawasan_are_public_to_anonymous():
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert can(anonymous, VIEW_PRIORITIES, BAJUR)
    assert not can(anonymous, VOTE, BAJUR) and not can(anonymous, MANAGE_PRIORITIES, BAJUR)
