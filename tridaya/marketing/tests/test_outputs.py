"""Gate outputs of the marketing steps, and the forums."""

import datetime as dt

import pytest

from tridaya.core.errors import DomainError
from tridaya.cycle import services as cycle_services
from tridaya.cycle.gates import _outputs
from tridaya.cycle.tests.factories import enrolled, meeting_input
from tridaya.marketing import outputs
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.models import ForumKind, ForumLevel
from tridaya.marketing.selectors import forums_under, pledges_of_meetings
from tridaya.marketing.services import forums as forum_services
from tridaya.marketing.services import pledges as pledge_services
from tridaya.marketing.services import prospectus as prospectus_services
from tridaya.marketing.tests import factories as f
from tridaya.regions.models import Region

pytestmark = pytest.mark.django_db


def test_outputs_are_registered_with_the_cycle():
    assert outputs.PROSPECTUS_PUBLISHED in _outputs
    assert outputs.FUNDING_COMMITTED in _outputs


def test_prospectus_published_output(bajur):
    step = enrolled(bajur).steps.get(code="strategi_pemasaran")
    assert outputs.prospectus_published(step)[0] is False
    version, _rows = f.legalised_rplp(bajur)
    prospectus = prospectus_services.prospectus_create(actor=None, version=version)
    assert outputs.prospectus_published(step)[0] is False
    prospectus_services.prospectus_publish(
        actor=None, prospectus=prospectus, on=dt.date(2026, 12, 12)
    )
    ok, message = outputs.prospectus_published(step)
    assert ok and message.endswith("diterbitkan pada 12 Desember 2026.")


def test_funding_committed_by_count_or_by_share(bajur, settings):
    settings.TRIDAYA_MARKETING_MIN_COMMITMENTS = 2
    settings.TRIDAYA_MARKETING_MIN_COVERAGE_PCT = 90
    step = enrolled(bajur).steps.get(code="komitmen_pendanaan")
    _version, rows = f.legalised_rplp(bajur, rows=2)  # 200.000, BLM+swadaya 100.000 (50%)
    opd = f.partner(bajur)
    ok, message = outputs.funding_committed(step)
    assert not ok and "Baru 0 komitmen" in message and "tertutup 50%" in message
    f.commit(f.pledge(bajur, rows[0], opd, amount=30_000))  # 65%
    assert outputs.funding_committed(step)[0] is False
    settings.TRIDAYA_MARKETING_MIN_COVERAGE_PCT = 65
    assert outputs.funding_committed(step)[0] is True
    settings.TRIDAYA_MARKETING_MIN_COVERAGE_PCT = 90
    f.commit(f.pledge(bajur, rows[1], opd, amount=10_000))
    ok, message = outputs.funding_committed(step)
    assert ok and message.startswith("2 komitmen mitra")


def test_forum_at_kecamatan_level_links_the_pledges_it_produced(bajur, terong_tawah):
    meeting = cycle_services.meeting_record(
        actor=None, village=bajur, data=meeting_input(agenda="Forum kolaborasi kecamatan")
    )
    kecamatan = Region.objects.get(pk="52.01.08")
    forum = forum_services.forum_record(
        actor=None,
        region=kecamatan,
        kind=ForumKind.COLLABORATION,
        meeting=meeting,
        bkm_members=4,
    )
    assert forum.level == ForumLevel.DISTRICT
    _version, rows = f.legalised_rplp(bajur)
    pledge = pledge_services.pledge_create(
        actor=None,
        village=bajur,
        target=rows[0],
        partner=f.partner(bajur),
        source=f.source("non_pemerintah"),
        amount=15_000,
        year=2027,
        pledged_on=dt.date(2026, 12, 3),
        meeting=meeting,
    )
    # Seen from the neighbouring village of the same kecamatan too.
    assert [x.pk for x in forums_under(terong_tawah.code)] == [forum.pk]
    assert pledges_of_meetings([meeting.pk])[meeting.pk] == [pledge]
    with pytest.raises(DomainError) as twice:
        forum_services.forum_record(
            actor=None, region=kecamatan, kind=ForumKind.FKA_BKM, meeting=meeting
        )
    assert twice.value.code == MarketingError.FORUM_EXISTS
    with pytest.raises(DomainError) as outside:
        forum_services.forum_record(
            actor=None, region=terong_tawah, kind=ForumKind.FKA_BKM, meeting=meeting
        )
    assert outside.value.code == MarketingError.FORUM_MEETING
