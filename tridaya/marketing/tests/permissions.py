"""The permission matrix rules of marketing: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import PUBLIC, Route, pk_of
from tridaya.marketing.models import Partner, Pledge, Prospectus


def partner(v):
    return {"pk": pk_of(Partner, acts_in__code=v)}


def pledge(v):
    return {"pk": pk_of(Pledge, village_id=v)}


def pledge_move(v):
    return {**pledge(v), "move": "komitmen"}


def pledge_file(v):
    return {"pk": pk_of(Pledge, village_id=v, agreement_file__gt=""), "which": "kesepakatan"}


def letter(v):
    return {**pledge(v), "kind": "mou"}


def prospectus(v):
    return {"pk": pk_of(Prospectus, village_id=v)}


def prospectus_file(v):
    return {**prospectus(v), "fmt": "docx"}


def prospectus_action(v):
    return {**prospectus(v), "action": "tarik"}


RULES: dict[str, Route] = {
    "api-funding-gaps": Route(PUBLIC, None),
    "api-funding-sources": Route(PUBLIC, None),
    "api-marketing-summary": Route("marketing.view", None),
    "api-partner-contacts": Route("marketing.view_contacts", None, params=partner),
    "api-partners": Route(PUBLIC, "marketing.pledge"),
    "api-pledge-commit": Route(None, "marketing.commit", params=pledge),
    "api-pledge-realise": Route(None, "marketing.commit", params=pledge),
    "api-pledge-revert": Route(None, "marketing.commit", params=pledge),
    "api-pledge-withdraw": Route(None, "marketing.pledge", params=pledge),
    "api-pledges": Route(PUBLIC, "marketing.pledge"),
    "api-prospectuses": Route(PUBLIC, None),
    "marketing:contact_add": Route(None, "marketing.pledge", params=partner),
    "marketing:forum_add": Route("marketing.pledge", "marketing.pledge"),
    "marketing:forums": Route("marketing.view", "marketing.view"),
    "marketing:gaps": Route("marketing.view", "marketing.view"),
    "marketing:gaps_xlsx": Route("marketing.view", "marketing.view"),
    "marketing:home": Route("marketing.view", "marketing.view"),
    "marketing:letter": Route("marketing.pledge", "marketing.pledge", params=letter),
    "marketing:partner": Route("marketing.view", "marketing.view", params=partner),
    "marketing:partner_add": Route("marketing.pledge", "marketing.pledge"),
    "marketing:partner_edit": Route("marketing.pledge", "marketing.pledge", params=partner),
    "marketing:partners": Route("marketing.view", "marketing.view"),
    "marketing:pledge": Route("marketing.view", "marketing.view", params=pledge),
    "marketing:pledge_add": Route("marketing.pledge", "marketing.pledge"),
    "marketing:pledge_file": Route("marketing.pledge", "marketing.pledge", params=pledge_file),
    "marketing:pledge_move": Route(None, "marketing.commit", params=pledge_move),
    "marketing:pledges": Route("marketing.view", "marketing.view"),
    "marketing:prospectus": Route("marketing.view", "marketing.view", params=prospectus),
    "marketing:prospectus_action": Route(None, "marketing.commit", params=prospectus_action),
    "marketing:prospectus_file": Route("marketing.view", "marketing.view", params=prospectus_file),
    "marketing:prospectus_new": Route("marketing.commit", "marketing.commit"),
    "marketing:rollup": Route("marketing.view", "marketing.view"),
}
