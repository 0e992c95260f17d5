"""Who may do what with money. UPK and BKM write the books; facilitators and the city
coordinator (korkot) verify; officers above read; residents and the public see totals only
(never account numbers, receipts or personal data)."""

from tridaya.accounts.models import Role
from tridaya.core.audit import register_actions
from tridaya.core.policy import register
from tridaya.finance.actions import AUDIT_ACTIONS

WRITERS = {Role.UPK, Role.BKM}
VERIFIERS = {Role.FACILITATOR, Role.CITY_COORDINATOR}
OFFICERS = {Role.NATIONAL_ADMIN, Role.PROVINCE_OFFICER, Role.CITY_COORDINATOR}
BOOK_READERS = WRITERS | VERIFIERS | OFFICERS | {Role.VILLAGE_APPARATUS}

register("finance.view_totals", public=True)
register("finance.view_books", roles=BOOK_READERS)
register("finance.manage_chart", roles=WRITERS)
register("finance.post_voucher", roles=WRITERS)
register("finance.close_period", roles=WRITERS)
register("finance.verify", roles=VERIFIERS)
register("finance.manage_allocation", roles=OFFICERS)
register("finance.propose", roles=WRITERS | {Role.KSM})
register("finance.verify_proposal", roles={Role.BKM})
register("finance.record_audit", roles=WRITERS | VERIFIERS)

register_actions(dict(AUDIT_ACTIONS))
