"""RPLP / RTPLP services: whole-rupiah totals, the states of a version and their refusals,
immutability after legalisation (services and database), amendment, the version diff, the
poverty check and the cycle's gate outputs."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tridaya.core.models import AuditEvent
from tridaya.core.tests.durable import rolled_back
from tridaya.cycle.tests.factories import enrolled, meeting_input
from tridaya.planning import outputs
from tridaya.planning.calc import line_amount
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import PlanVersion, VersionState
from tridaya.planning.selectors import plans as selectors
from tridaya.planning.selectors import versions as version_selectors
from tridaya.planning.services import plans, rab, versions
from tridaya.planning.tests import factories as f

pytestmark = pytest.mark.django_db


def codes(exc_info) -> str:
    return exc_info.value.code


# --- Money -----------------------------------------------------------------------------------


def test_rab_lines_round_half_up_and_add_up_to_the_activity_total(bajur):
    activity = f.activity(f.first_version(f.rtplp(bajur)))
    f.rab_line(activity, volume="2.5", unit_price=3)  # 7,5 -> 8
    f.rab_line(activity, volume="0.333", unit_price=100_000)  # 33.300
    f.rab_line(activity, volume="12.125", unit_price=48_750)  # 591.093,75 -> 591.094
    activity.refresh_from_db()
    assert [i.amount for i in activity.rab_items.order_by("position")] == [8, 33_300, 591_094]
    assert activity.rab_total == 624_402
    assert activity.fund_blm == 624_402 and activity.is_balanced


# Each example runs in its own rolled-back transaction, so the village fixture is safe to share.
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.tuples(
            st.decimals(min_value="0.001", max_value="9999", places=3),
            st.integers(min_value=0, max_value=50_000_000),
        ),
        min_size=1,
        max_size=6,
    ),
    swadaya_pct=st.integers(min_value=0, max_value=100),
)
def test_rab_total_is_the_exact_sum_of_rounded_lines_and_funding_always_balances(
    bajur, lines, swadaya_pct
):
    with rolled_back():
        version = f.first_version(f.rtplp(bajur))
        activity = f.activity(version)
        for volume, price in lines:
            f.rab_line(activity, volume=str(volume), unit_price=price)
        expected = sum(line_amount(v, p) for v, p in lines)
        activity.refresh_from_db()
        assert activity.rab_total == expected
        swadaya = expected * swadaya_pct // 100
        activity = rab.activity_save(
            actor=None,
            version=version,
            activity=activity,
            data=rab.ActivityInput(
                name=activity.name, year=activity.year, funding={"swadaya": swadaya}
            ),
        )
        assert activity.fund_swadaya == swadaya
        assert activity.fund_blm + activity.fund_swadaya == expected


def test_investment_row_sources_must_add_up_to_volume_times_unit_cost(bajur):
    version = f.first_version(f.rplp(bajur))
    with pytest.raises(ValidationError) as exc:
        f.row(version, volume="10", unit_cost=125_000, amount_blm=1_000_000, swadaya=200_000)
    assert "Rp 1.200.000" in str(exc.value) and "Rp 1.250.000" in str(exc.value)
    row = f.row(version, volume="10", unit_cost=125_000, swadaya=250_000)
    assert (row.fund_blm, row.fund_swadaya, row.cost) == (1_000_000, 250_000, 1_250_000)


def test_investment_totals_by_domain_source_and_year_are_whole_rupiah(bajur):
    version = f.first_version(f.rplp(bajur))
    f.row(version, volume="0.5", unit_cost=3, year=2027)  # 1,5 -> 2
    f.row(version, volume="1.5", unit_cost=3, year=2028, domain="E", swadaya=1)  # 4,5 -> 5
    page = selectors.version_page(bajur.code, version.plan_id, 1)
    assert page.totals.total == 7
    assert page.totals.by_year == {2027: 2, 2028: 5, 2029: 0, 2030: 0, 2031: 0}
    assert page.totals.by_domain == {"L": 2, "E": 5, "S": 0}
    assert page.totals.by_source["blm"] == 6 and page.totals.by_source["swadaya"] == 1


def test_a_row_outside_the_plan_years_is_refused_naming_the_years(bajur):
    version = f.first_version(f.rplp(bajur, start_year=2027))
    with pytest.raises(ValidationError) as exc:
        f.row(version, year=2033)
    assert "2033" in str(exc.value) and "2027-2031" in str(exc.value)


# --- States ----------------------------------------------------------------------------------


def test_public_test_needs_an_uji_publik_meeting_of_the_village(bajur, terong_tawah):
    version = f.ready_rplp(bajur)
    from tridaya.cycle import services as cycle_services

    rkm = cycle_services.meeting_record(actor=None, village=bajur, data=meeting_input())
    with pytest.raises(ValidationError) as exc:
        versions.version_start_public_test(actor=None, version=version, meeting=rkm)
    assert codes(exc) == PlanningError.MEETING_KIND
    with pytest.raises(ValidationError) as exc:
        versions.version_start_public_test(
            actor=None, version=version, meeting=f.uji_publik_meeting(terong_tawah)
        )
    assert codes(exc) == PlanningError.OTHER_VILLAGE


def test_the_text_is_fixed_during_uji_publik_and_every_point_needs_an_answer(bajur):
    version = f.ready_rplp(bajur)
    versions.version_start_public_test(
        actor=None, version=version, meeting=f.uji_publik_meeting(bajur)
    )
    with pytest.raises(ValidationError) as exc:
        f.row(version)
    assert codes(exc) == PlanningError.NOT_EDITABLE
    with pytest.raises(ValidationError) as exc:
        versions.version_revise(actor=None, version=version)
    assert codes(exc) == PlanningError.NO_FEEDBACK
    first = versions.feedback_add(actor=None, version=version, raised_by="Pak Amir", point="Jalan?")
    versions.feedback_add(actor=None, version=version, raised_by="Bu Nur", point="Sampah?")
    versions.feedback_answer(actor=None, feedback=first, answer="Tahun 2028.")
    with pytest.raises(ValidationError) as exc:
        versions.version_revise(actor=None, version=version)
    assert codes(exc) == PlanningError.FEEDBACK_UNANSWERED
    assert "nomor 2 belum dijawab" in str(exc.value)


def test_legalisation_needs_the_three_signatures(bajur):
    version = f.ready_rplp(bajur)
    versions.version_start_public_test(
        actor=None, version=version, meeting=f.uji_publik_meeting(bajur)
    )
    point = versions.feedback_add(actor=None, version=version, raised_by="Warga", point="Lampu?")
    versions.feedback_answer(actor=None, feedback=point, answer="Ya.")
    versions.version_revise(actor=None, version=version)
    versions.version_sign(actor=None, version=version, kind="bkm", signer_name="Lalu Ahmad")
    with pytest.raises(ValidationError) as exc:
        versions.version_legalise(actor=None, version=version)
    assert codes(exc) == PlanningError.SIGNOFFS_MISSING
    assert "Lurah / Kepala Desa" in str(exc.value) and "Pokja Teknis / Bappeda" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        versions.version_sign(actor=None, version=version, kind="bkm", signer_name="Lagi")
    assert codes(exc) == PlanningError.SIGNOFF_EXISTS


def test_a_legalised_version_is_immutable_for_the_services(bajur):
    version = f.legalise(f.ready_rplp(bajur))
    assert version.state == VersionState.LEGALISED
    assert version.legalised_on == dt.date(2026, 11, 27)
    for attempt in (
        lambda: f.row(version),
        lambda: plans.version_update_texts(
            actor=None, version=version, data=plans.VersionTexts(vision="Lain")
        ),
        lambda: plans.program_delete(actor=None, program=version.programs.get()),
        lambda: plans.investment_row_delete(actor=None, row=version.investment_rows.get()),
    ):
        with pytest.raises(ValidationError) as exc:
            attempt()
        assert codes(exc) == PlanningError.VERSION_LOCKED
    version.refresh_from_db()
    assert version.vision == "Bajur bersih, sehat, produktif"
    assert version.investment_rows.count() == 1


def test_a_legalised_version_is_immutable_in_the_database(bajur):
    version = f.legalise(f.ready_rplp(bajur))
    row = version.investment_rows.get()
    for sql, params in (
        ("UPDATE planning_investmentrow SET fund_blm = 1 WHERE id = %s", [row.pk]),
        ("UPDATE planning_planversion SET vision = 'x' WHERE id = %s", [version.pk]),
        ("UPDATE planning_planversion SET state = 'draft' WHERE id = %s", [version.pk]),
        (
            "UPDATE planning_feedback SET answer = 'lain' WHERE version_id = %s",
            [version.pk],
        ),
    ):
        with (
            pytest.raises((IntegrityError, Exception)) as exc,
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, params)
        assert "frozen rows cannot change" in str(exc.value)
    # The one change a legalised version allows: superseded by its legalised amendment.
    assert PlanVersion.objects.filter(pk=version.pk).update(state=VersionState.SUPERSEDED) == 1


def test_amendment_copies_the_version_and_supersedes_it_when_legalised(bajur):
    old = f.legalise(f.ready_rplp(bajur))
    with pytest.raises(ValidationError) as exc:
        versions.version_amend(actor=None, version=old, reason="terlalu pendek")
    assert codes(exc) == PlanningError.REASON_TOO_SHORT
    new = versions.version_amend(
        actor=None, version=old, reason="Pemda menambah APBD untuk drainase tahun 2028."
    )
    assert (new.number, new.state, new.based_on_id) == (2, VersionState.DRAFT, old.pk)
    assert new.vision == old.vision
    program = new.programs.get()
    assert list(program.problems.all()) == list(old.programs.get().problems.all())
    assert new.investment_rows.get().program_id == program.pk
    with pytest.raises(ValidationError) as exc:
        versions.version_amend(actor=None, version=old, reason="Alasan lain yang cukup panjang.")
    assert codes(exc) == PlanningError.OPEN_VERSION_EXISTS
    f.row(new, year=2028, component="Saluran tambahan", swadaya=10_000)
    f.legalise(new)
    old.refresh_from_db()
    assert old.state == VersionState.SUPERSEDED
    assert AuditEvent.objects.filter(action="planning.version_superseded").count() == 1


def test_rtplp_legalisation_needs_rab_and_safe_safeguards(bajur):
    version = f.first_version(f.rtplp(bajur))
    activity = f.activity(version)
    version = plans.version_set_safeguards(
        actor=None, version=version, answers={**f.safe_answers(), "lahan": {"answer": "tidak"}}
    )
    problems = versions.readiness_problems(version)
    assert any("belum punya RAB" in p for p in problems)
    assert any("Lahan untuk setiap kegiatan" in p for p in problems)
    f.rab_line(activity)
    version = plans.version_set_safeguards(actor=None, version=version, answers=f.safe_answers())
    assert versions.readiness_problems(version) == []
    assert f.legalise(version).state == VersionState.LEGALISED


# --- Diff, poverty, gates --------------------------------------------------------------------


def test_the_diff_shows_changed_texts_programs_and_lines(bajur):
    old = f.legalise(f.ready_rplp(bajur))
    new = versions.version_amend(
        actor=None, version=old, reason="Perubahan setelah musrenbang desa tahun 2027."
    )
    plans.version_update_texts(
        actor=None,
        version=new,
        data=plans.VersionTexts(vision="Bajur hijau", mission=new.mission),
    )
    f.program(new, name="Pelatihan usaha", domain="E")
    row = new.investment_rows.get()
    plans.investment_row_save(
        actor=None,
        version=new,
        row=row,
        data=plans.InvestmentInput(
            year=row.year,
            domain="L",
            component=row.component,
            volume=Decimal("200"),
            unit="m",
            unit_cost=1000,
            funding={"blm": 200_000},
            program_id=row.program_id,
        ),
    )
    diff = version_selectors.version_diff(
        selectors.version_page(bajur.code, old.plan_id, 1),
        selectors.version_page(bajur.code, new.plan_id, 2),
    )
    assert [(c.label, c.before, c.after) for c in diff.texts] == [
        ("Visi", "Bajur bersih, sehat, produktif", "Bajur hijau")
    ]
    assert [(p.label, p.status) for p in diff.programs] == [
        ("L. Drainase lingkungan", "changed"),
        ("E. Pelatihan usaha", "added"),
    ]
    total = next(c for c in diff.lines[0].changes if c.label == "Jumlah")
    assert (total.before, total.after) == ("Rp 100.000", "Rp 200.000")
    assert (diff.total_before, diff.total_after) == (100_000, 200_000)


def test_poverty_check_of_an_rplp(bajur):
    version = f.first_version(f.rplp(bajur))
    flood = f.plan_problem(bajur, "Banjir RT 03", households=40, poor=15)
    waste = f.plan_problem(bajur, "Sampah menumpuk", households=30, poor=0)
    f.plan_problem(bajur, "Rumah tidak layak huni", households=12, poor=12)
    drainage = f.program(version, "Drainase", problems=[flood, waste])
    bins = f.program(version, "Bank sampah", problems=[waste])
    f.program(version, "Taman bermain")
    f.row(version, prog=drainage, volume="300", unit_cost=1000)
    f.row(version, prog=bins, volume="100", unit_cost=1000)
    f.row(version, volume="100", unit_cost=1000, component="Tanpa program")
    check = selectors.version_page(bajur.code, version.plan_id, 1).poverty
    assert (check.total_budget, check.poor_budget, check.budget_share_text) == (
        500_000,
        300_000,
        "60%",
    )
    assert (check.programs_poor, check.programs_total, check.programs_share_text) == (1, 3, "33,3%")
    assert [p.title for p in check.problems_without_program] == ["Rumah tidak layak huni"]
    assert [u.label for u in check.programs_without_problem] == ["Taman bermain"]
    assert (check.households, check.poor_households) == (70, 15)
    assert not check.passes


def test_poor_households_reached_are_distinct_households_never_a_sum(bajur):
    """Overlapping problems of one RT do not add up their households, nor exceed the households
    surveyed there; the programs, the plan and its documents read the same figure (issue 11,
    item 3)."""
    rt1, rt2 = f.grid_rts(bajur, 2)
    for n in range(10):
        f.household(bajur, rt1, poor=n < 6)  # RT 01: 10 KK surveyed, 6 poor
    version = f.first_version(f.rplp(bajur))
    made = {}
    for title, rt, households, poor in [
        ("Genangan", rt1, 10, 6),
        ("Jalan rusak", rt1, 8, 5),  # the same RT: the same households
        ("Sampah", rt2, 12, 4),  # RT 02 has no survey: its own count
        ("Air bersih", rt1, 30, 20),  # more than RT 01's surveyed households
    ]:
        made[title] = f.plan_problem(bajur, title, households=households, poor=poor)
        made[title].rt = rt
        made[title].save(update_fields=["rt"])
    first = f.program(version, "Drainase", problems=[made["Genangan"], made["Jalan rusak"]])
    second = f.program(
        version, "Prasarana", problems=[made["Jalan rusak"], made["Sampah"], made["Air bersih"]]
    )
    f.row(version, prog=first, volume="100", unit_cost=1000)
    f.row(version, prog=second, volume="100", unit_cost=1000)
    page = selectors.version_page(bajur.code, version.plan_id, 1)
    views = {v.program.pk: (v.households, v.poor_households) for v in page.programs}
    assert views[first.pk] == (10, 6)  # not 18 / 11
    assert views[second.pk] == (10 + 12, 6 + 4)  # not 50 / 29
    reached = {u.unit.key: (u.households, u.poor_households) for u in page.poverty.units}
    assert reached[f"program-{first.pk}"] == views[first.pk]
    assert (page.poverty.households, page.poverty.poor_households) == (22, 10)  # not 60 / 35


def test_rtplp_problems_are_those_inside_its_kawasan(bajur):
    inside = f.plan_problem(bajur, "Di dalam", geometry=f.square(size=0.0005))
    f.plan_problem(bajur, "Di luar", geometry=f.square(lon=116.2, size=0.0005))
    version = f.first_version(f.rtplp(bajur))
    f.activity(version, problems=[inside])
    check = selectors.version_page(bajur.code, version.plan_id, 1).poverty
    assert check.problems_without_program == []
    assert check.passes


def test_gate_outputs_follow_the_legalised_versions(bajur):
    cycle = enrolled(bajur)
    step = cycle.steps.get(code="rplp_legal")
    assert outputs.rplp_legalised(step) == (False, "RPLP belum disusun.")
    version = f.ready_rplp(bajur)
    assert outputs.rplp_legalised(step) == (False, "RPLP versi 1 masih berstatus draf.")
    f.legalise(version)
    ok, message = outputs.rplp_legalised(step)
    assert ok and message.endswith("versi 1 disahkan pada 27 November 2026.")
    assert outputs.rtplp_legalised(step)[0] is False


def test_every_change_is_audited(bajur):
    version = f.ready_rplp(bajur)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "planning.plan_created",
        "planning.version_updated",
        "planning.program_added",
        "planning.investment_row_added",
    } <= actions
    row_event = AuditEvent.objects.get(action="planning.investment_row_added")
    assert row_event.region_code == bajur.code
    assert row_event.changes["fund_blm"] == [None, 100_000]
    assert version.state == VersionState.DRAFT
