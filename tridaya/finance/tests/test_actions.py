import re
from pathlib import Path

from tridaya.core.policy import registered_rules
from tridaya.finance.actions import AUDIT_ACTIONS

APP = Path(__file__).resolve().parent.parent


def test_every_audit_action_written_has_a_label():
    written = set()
    for path in (APP / "services").glob("*.py"):
        text = path.read_text()
        written |= set(re.findall(r'"(finance\.[a-z_]+)"', text))
        written |= {
            f"finance.allocation_{m}" for m in re.findall(r'^    "([a-z]+)": \(', text, re.M)
        }
    policy_actions = set(registered_rules())
    assert written - policy_actions <= set(AUDIT_ACTIONS)
    assert "finance.voucher_posted" in written
