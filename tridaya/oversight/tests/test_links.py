"""A complaint linked to a voucher, a plan version or a cycle step: each looked up through the
owning app's selector, refused when it belongs to another village, and shown to the handler with
a link to its page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tridaya.accounts.models import User
from tridaya.cycle.models import Step
from tridaya.finance.models import Voucher
from tridaya.oversight import services
from tridaya.oversight.errors import OversightError
from tridaya.planning.models import PlanVersion
from tridaya.regions.tests.factories import BAJUR, region

TERONG_TAWAH = "52.01.08.2007"


def _complaint(code):
    return services.complaint_submit(
        actor=None, village=region(code), text="Dana kegiatan ini tidak jelas penggunaannya."
    )


def _classify(actor, complaint, link_type, link_id):
    return services.complaint_classify(
        actor=actor,
        complaint=complaint,
        klass="masalah",
        scope="keuangan",
        field="L",
        link_type=link_type,
        link_id=link_id,
    )


@pytest.mark.django_db
def test_links_to_a_voucher_a_plan_version_and_a_step_show_on_the_handlers_page(client, demo):  # noqa: F811
    bkm = User.objects.get(username="bkm.bajur")
    voucher = Voucher.objects.filter(village_id=BAJUR).first()
    version = PlanVersion.objects.filter(plan__village_id=BAJUR).first()
    step = Step.objects.filter(cycle__village_id=BAJUR).first()
    client.force_login(bkm)
    for link_type, obj, page in (
        ("bukti", voucher, reverse("finance:voucher", args=[BAJUR, voucher.pk])),
        (
            "rencana",
            version,
            reverse("planning:version", args=[BAJUR, version.plan_id, version.number]),
        ),
        ("langkah", step, reverse("cycle:step", args=[BAJUR, step.code])),
    ):
        complaint = _complaint(BAJUR)
        _classify(bkm, complaint, link_type, obj.pk)
        complaint.refresh_from_db()
        assert (complaint.link_type, complaint.link_id) == (link_type, obj.pk)
        html = client.get(reverse("oversight:complaint", args=[BAJUR, complaint.pk])).content
        assert f'data-link="{link_type}"'.encode() in html
        assert f'href="{page}"'.encode() in html


@pytest.mark.django_db
@pytest.mark.parametrize("link_type", ["bukti", "rencana", "langkah"])
def test_a_link_to_another_villages_object_is_refused_and_nothing_is_written(demo, link_type):  # noqa: F811
    owned = {
        "bukti": Voucher.objects.filter(village_id=BAJUR),
        "rencana": PlanVersion.objects.filter(plan__village_id=BAJUR),
        "langkah": Step.objects.filter(cycle__village_id=BAJUR),
    }[link_type].first()
    complaint = _complaint(TERONG_TAWAH)
    with pytest.raises(ValidationError) as caught:
        _classify(User.objects.get(username="bkm.terongtawah"), complaint, link_type, owned.pk)
    assert caught.value.code == OversightError.BAD_LINK
    assert "periksa nomornya" in caught.value.messages[0]
    complaint.refresh_from_db()
    assert (complaint.klass, complaint.link_type) == ("", "")
