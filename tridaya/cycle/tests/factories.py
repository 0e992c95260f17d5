import datetime as dt

from tridaya.cycle import services
from tridaya.cycle.models import MeetingKind, Program, VillageCycle
from tridaya.cycle.services import MeetingInput


def program(**overrides) -> Program:
    values = {"code": "plpbk-uji", "name": "PLPBK uji", "year": 2026, **overrides}
    return Program.objects.get_or_create(code=values["code"], defaults=values)[0]


def enrolled(village, **program_overrides) -> VillageCycle:
    return services.cycle_enrol(actor=None, village=village, program=program(**program_overrides))


def meeting_input(kind=MeetingKind.RKM, men=30, women=20, poor=10, disabled=1, **kw):
    values = {
        "agenda": "Kesiapan warga",
        "held_on": dt.date(2026, 3, 5),
        "place": "Balai Desa",
        "decisions": ("Warga siap.",),
    }
    values.update(kw)
    return MeetingInput(kind=kind, men=men, women=women, poor=poor, disabled=disabled, **values)


def complete_without_checks(step, actor) -> None:
    """Move a cycle forward in tests whose subject is a later step: override, sign, complete."""
    from tridaya.cycle.models import SIGNOFF_ORDER

    services.gate_override(actor=actor, step=step, reason="Langkah uji dilewati untuk pengujian.")
    for kind in SIGNOFF_ORDER:
        services.signoff_give(actor=actor, step=step, kind=kind)
    services.step_complete(actor=actor, step=step)
