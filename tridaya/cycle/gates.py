"""Gate rules: what must be true before a step can be completed, each explained in plain
Indonesian. Rules are named in the template; their thresholds come from the program.

Later apps add checks for their own outputs ("RPLP legalised", "every RT has a profile") with
`register_output` in their AppConfig.ready(); the template names them with
`{ rule = "output", name = "..." }`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from tridaya.core.dates import format_date_id
from tridaya.cycle.models import Meeting, MeetingKind, Program, Step, StepDocument, StepStatus


@dataclass(frozen=True)
class RuleResult:
    rule: str
    ok: bool
    message: str


@dataclass
class GateContext:
    """What the rules of one step read, loaded once (see selectors.gate_context)."""

    step: Step
    program: Program
    earlier_steps: list[Step]
    meetings: list[Meeting] = field(default_factory=list)  # this step's, newest first
    documents: list[StepDocument] = field(default_factory=list)

    def latest_meeting(self, kind: str) -> Meeting | None:
        return next((m for m in self.meetings if m.kind == kind), None)


@dataclass(frozen=True)
class OutputCheck:
    label: str
    check: Callable[[Step], tuple[bool, str]]


_outputs: dict[str, OutputCheck] = {}


def register_output(name: str, label: str, check: Callable[[Step], tuple[bool, str]]) -> None:
    """For later apps: `check(step)` returns (done, explanation in Indonesian)."""
    _outputs[name] = OutputCheck(label, check)


def _pct(part: int, whole: int) -> str:
    value = Decimal(part * 100) / Decimal(whole) if whole else Decimal(0)
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def _pct_setting(value: Decimal) -> str:
    return _pct(int(value * 100), 10000)


def _kind_label(kind: str) -> str:
    return str(MeetingKind(kind).label) if kind in MeetingKind.values else kind


def previous_steps_done(gate: dict, ctx: GateContext) -> RuleResult:
    pending = [s.title for s in ctx.earlier_steps if s.status != StepStatus.DONE]
    if pending:
        return RuleResult(
            "previous_steps_done",
            False,
            _("Langkah sebelumnya belum selesai: %(steps)s.") % {"steps": ", ".join(pending)},
        )
    return RuleResult("previous_steps_done", True, _("Semua langkah sebelumnya sudah selesai."))


def meeting_held(gate: dict, ctx: GateContext) -> RuleResult:
    meeting = ctx.latest_meeting(gate["kind"])
    label = _kind_label(gate["kind"])
    if meeting is None:
        return RuleResult(
            "meeting_held",
            False,
            _("Belum ada %(kind)s yang tercatat untuk langkah ini.") % {"kind": label},
        )
    return RuleResult(
        "meeting_held",
        True,
        _("%(kind)s tercatat pada %(date)s.")
        % {"kind": label, "date": format_date_id(meeting.held_on)},
    )


def _quota(
    gate: dict, ctx: GateContext, rule: str, counted: str, minimum: Decimal | None, noun: str
) -> RuleResult:
    meeting = ctx.latest_meeting(gate["kind"])
    if meeting is None:
        return RuleResult(
            rule,
            False,
            _("Belum ada %(kind)s untuk dihitung.") % {"kind": _kind_label(gate["kind"])},
        )
    if minimum is None:
        return RuleResult(
            rule, True, _("Program belum menetapkan batas minimal %(noun)s.") % {"noun": noun}
        )
    part, total = getattr(meeting, counted), meeting.total
    params = {
        "noun": noun,
        "part": part,
        "total": total,
        "pct": _pct(part, total),
        "min": _pct_setting(minimum),
    }
    # Integer comparison: exactly the threshold passes, with no rounding drift.
    params["noun"] = params["noun"][:1].upper() + params["noun"][1:]
    if total and part * 100 >= minimum * total:
        return RuleResult(
            rule,
            True,
            _("%(noun)s %(part)s dari %(total)s peserta (%(pct)s%%), minimal %(min)s%%.") % params,
        )
    return RuleResult(
        rule,
        False,
        _("%(noun)s %(part)s dari %(total)s peserta (%(pct)s%%), kurang dari minimal %(min)s%%.")
        % params,
    )


def women_share(gate: dict, ctx: GateContext) -> RuleResult:
    return _quota(gate, ctx, "women_share", "women", ctx.program.women_min_pct, _("perempuan"))


def poor_share(gate: dict, ctx: GateContext) -> RuleResult:
    return _quota(gate, ctx, "poor_share", "poor", ctx.program.poor_min_pct, _("warga miskin"))


def attendance_min(gate: dict, ctx: GateContext) -> RuleResult:
    meeting = ctx.latest_meeting(gate["kind"])
    quorum = gate.get("min", ctx.program.quorum)
    if meeting is None:
        return RuleResult(
            "attendance_min",
            False,
            _("Belum ada %(kind)s untuk dihitung.") % {"kind": _kind_label(gate["kind"])},
        )
    if quorum is None:
        return RuleResult(
            "attendance_min",
            True,
            _("Hadir %(total)s orang; program belum menetapkan kuorum.") % {"total": meeting.total},
        )
    params = {"total": meeting.total, "quorum": quorum}
    if meeting.total >= quorum:
        return RuleResult(
            "attendance_min",
            True,
            _("Hadir %(total)s orang, kuorum %(quorum)s terpenuhi.") % params,
        )
    return RuleResult(
        "attendance_min", False, _("Hadir %(total)s orang, kurang dari kuorum %(quorum)s.") % params
    )


def documents(gate: dict, ctx: GateContext) -> RuleResult:
    wanted = gate.get("min", 1)
    found = sum(1 for d in ctx.documents if d.kind == gate["kind"])
    params = {"kind": gate.get("label", gate["kind"]), "found": found, "min": wanted}
    if found >= wanted:
        return RuleResult(
            "documents", True, _("Dokumen '%(kind)s' sudah diunggah (%(found)s).") % params
        )
    return RuleResult(
        "documents",
        False,
        _("Dokumen '%(kind)s' baru %(found)s dari %(min)s yang diperlukan.") % params,
    )


def output(gate: dict, ctx: GateContext) -> RuleResult:
    hook = _outputs[gate["name"]]
    ok, message = hook.check(ctx.step)
    return RuleResult(f"output:{gate['name']}", ok, message)


RULES: dict[str, Callable[[dict, GateContext], RuleResult]] = {
    "previous_steps_done": previous_steps_done,
    "meeting_held": meeting_held,
    "attendance_min": attendance_min,
    "women_share": women_share,
    "poor_share": poor_share,
    "documents": documents,
    "output": output,
}
_NEEDS_KIND = {"meeting_held", "attendance_min", "women_share", "poor_share", "documents"}


def known_rule(gate: dict) -> str | None:
    """Why a gate in a template cannot be evaluated, or None when it can."""
    name = gate.get("rule")
    if name not in RULES:
        return _("aturan gerbang tidak dikenal '%(rule)s'") % {"rule": name}
    if name in _NEEDS_KIND and not gate.get("kind"):
        return _("aturan '%(rule)s' perlu 'kind'") % {"rule": name}
    if name in _NEEDS_KIND - {"documents"} and gate["kind"] not in MeetingKind.values:
        return _("jenis pertemuan tidak dikenal '%(kind)s'") % {"kind": gate["kind"]}
    if name == "output" and gate.get("name") not in _outputs:
        return _("keluaran tidak terdaftar '%(name)s'") % {"name": gate.get("name")}
    return None


def evaluate(ctx: GateContext) -> list[RuleResult]:
    return [RULES[gate["rule"]](gate, ctx) for gate in ctx.step.definition.get("gates", [])]
