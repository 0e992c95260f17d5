"""The policy matrix of marketing: role (held over Bajur, its regency or its province) x action,
and the same roles held over another village, who see nothing to write."""

import pytest

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.policy import can
from tridaya.marketing import policy

pytestmark = pytest.mark.django_db
BAJUR, TERONG = "52.01.08.2006", "52.01.08.2007"

ACTIONS = [
    policy.VIEW,
    policy.VIEW_PARTNERS,
    policy.VIEW_CONTACTS,
    policy.MANAGE_PARTNERS,
    policy.PLEDGE,
    policy.COMMIT,
    policy.PUBLISH,
    policy.MANAGE_FORUMS,
]
# role, where it is held -> the actions it may take on Bajur (reads are public to everyone).
MATRIX = {
    ("national_admin", None): set(ACTIONS),
    ("province_officer", "52"): {policy.VIEW, policy.VIEW_PARTNERS, policy.VIEW_CONTACTS},
    ("city_coordinator", "52.01"): set(ACTIONS),
    ("facilitator", BAJUR): set(ACTIONS),
    ("bkm", BAJUR): set(ACTIONS),
    ("tipp", BAJUR): {
        policy.VIEW,
        policy.VIEW_PARTNERS,
        policy.VIEW_CONTACTS,
        policy.MANAGE_PARTNERS,
        policy.PLEDGE,
        policy.MANAGE_FORUMS,
    },
    ("upk", BAJUR): {policy.VIEW, policy.VIEW_PARTNERS},
    ("village_apparatus", BAJUR): {policy.VIEW, policy.VIEW_PARTNERS},
    ("ksm", BAJUR): {policy.VIEW, policy.VIEW_PARTNERS},
    ("resident", BAJUR): {policy.VIEW, policy.VIEW_PARTNERS},
    ("bkm", TERONG): {policy.VIEW, policy.VIEW_PARTNERS},  # another village: reads only
    ("city_coordinator", "35.07"): {policy.VIEW, policy.VIEW_PARTNERS},
}


@pytest.mark.parametrize("role, code", list(MATRIX))
def test_policy_matrix(bajur, terong_tawah, far_village, role, code):
    user = user_with_role(role, code)
    allowed = {action for action in ACTIONS if can(user, action, bajur)}
    assert allowed == MATRIX[(role, code)]


def test_anonymous_reads_only(bajur):
    from django.contrib.auth.models import AnonymousUser

    allowed = {action for action in ACTIONS if can(AnonymousUser(), action, bajur)}
    assert allowed == {policy.VIEW, policy.VIEW_PARTNERS}
