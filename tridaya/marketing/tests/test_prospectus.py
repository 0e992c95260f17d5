"""The prospectus: every unfunded activity in the PDF and DOCX, no personal data in either."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from tridaya.core.errors import DomainError
from tridaya.documents.tests.factories import docx_all_text, flat, open_docx, pdf_pages
from tridaya.mapping.models import Household, ProblemPhoto
from tridaya.mapping.tests import factories as household_factories
from tridaya.marketing import prospectus as builder
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.models import ProspectusState
from tridaya.marketing.services import prospectus as prospectus_services
from tridaya.marketing.tests import factories as f

pytestmark = pytest.mark.django_db


def _jpeg_with_exif() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = PILImage.new("RGB", (640, 480), (120, 80, 40))
    exif = PILImage.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("IMG_Siti_Aminah.jpg", buffer.getvalue())


@pytest.fixture
def published(bajur):
    household_factories.with_units(bajur)
    for n in range(3):
        household_factories.household(
            bajur, head_name=f"Inaq Sumirah {n}", head_nik=f"520108{n:010d}", poor_criteria=10
        )
    version, rows = f.legalised_rplp(
        bajur, spec=[(100_000, 40_000, 10_000), (50_000, 50_000, 0), (80_000, 0, 0)]
    )
    problem = version.programs.first().problems.first()
    ProblemPhoto.objects.create(problem=problem, image=_jpeg_with_exif(), caption="Genangan")
    f.commit(f.pledge(bajur, rows[0], f.partner(bajur), amount=20_000))
    prospectus = prospectus_services.prospectus_create(
        actor=None, version=version, introduction="Mari bermitra menata Bajur."
    )
    prospectus_services.prospectus_publish(actor=None, prospectus=prospectus)
    prospectus.refresh_from_db()
    return prospectus, rows


def _personal_data() -> list[str]:
    values = []
    for head_name, nik in Household.objects.values_list("head_name", "head_nik"):
        values += [head_name, nik]
    return [v for v in values if v]


def test_pdf_and_docx_hold_every_unfunded_activity_and_no_personal_data(published):
    prospectus, rows = published
    data = builder.prospectus_data(prospectus)
    names = {o.row.target.name for o in data.offers}
    assert names == {"Saluran drainase 1", "Saluran drainase 3"}  # the second is fully funded
    pdf_text = flat(" ".join(pdf_pages(builder.render(data, "pdf"))))
    docx_text = flat(docx_all_text(open_docx(builder.render(data, "docx"))))
    for text in (pdf_text, docx_text):
        for name in names:
            assert name in text
        assert "Rp 30.000" in text  # 100.000 - 40.000 - 10.000 - 20.000 committed
        assert "Mari bermitra menata Bajur." in text
        personal = _personal_data()
        assert len(personal) == 6
        for value in personal:
            assert value not in text
        assert "Siti_Aminah" not in text and "KameraRahasia" not in text


def test_photos_are_reencoded_without_exif(published):
    photo = ProblemPhoto.objects.get()
    png = builder.photo_png(photo.image)
    assert png.startswith(b"\x89PNG")
    assert b"KameraRahasia" not in png
    with PILImage.open(io.BytesIO(png)) as img:
        assert max(img.size) <= builder.PHOTO_WIDTH_PX


def test_partner_summary_keeps_one_domain_or_sector(published):
    data = builder.prospectus_data(published[0])
    assert len(data.filtered(sector="drainase")) == 2
    assert data.filtered(sector="air_minum") == []
    assert data.filtered(domain="E") == []
    doc = builder.prospectus_document(data, sector="air_minum")
    assert "Semua kegiatan sudah terdanai." in str(doc.chapters[3].blocks[0])


def test_prospectus_only_of_a_legalised_plan_and_publish_both_ways(bajur, published):
    prospectus, _rows = published
    assert prospectus.state == ProspectusState.PUBLISHED
    with pytest.raises(DomainError) as again:
        prospectus_services.prospectus_publish(actor=None, prospectus=prospectus)
    assert again.value.code == MarketingError.PROSPECTUS_STATE
    prospectus_services.prospectus_unpublish(
        actor=None, prospectus=prospectus, reason="Angka biaya diperbarui setelah forum"
    )
    prospectus.refresh_from_db()
    assert prospectus.state == ProspectusState.DRAFT
    draft = f.plan_factories.first_version(f.plan_factories.rtplp(bajur))
    with pytest.raises(DomainError) as refused:
        prospectus_services.prospectus_create(actor=None, version=draft)
    assert refused.value.code == MarketingError.PLAN_NOT_LEGALISED
