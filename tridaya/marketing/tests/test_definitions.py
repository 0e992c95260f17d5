import pytest

from tridaya.core.errors import DomainError
from tridaya.marketing import definitions
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.models import CountsAs, FundingSource, SourceList


@pytest.mark.django_db
def test_the_thirteen_mis_sources_load_once():
    sources = definitions.current_sources()
    assert [s.code for s in sources] == [
        "apbn_bdi_kolaborasi",
        "bdi_plpbk",
        "bdi_lain",
        "nsup",
        "dit_pkp",
        "apbn_lain",
        "apbd_prov",
        "apbd_kab",
        "dak",
        "hibah",
        "non_pemerintah",
        "swadaya",
        "lainnya",
    ]
    assert [s.code for s in sources if s.counts_as == CountsAs.BLM] == ["bdi_plpbk"]
    definitions.sync_sources()
    assert SourceList.objects.count() == 1
    assert FundingSource.objects.count() == 13


@pytest.mark.django_db
def test_a_changed_file_of_a_loaded_version_is_refused(tmp_path):
    text = (definitions.SOURCES_DIR / "mis-1.toml").read_text(encoding="utf-8")
    (tmp_path / "mis-1.toml").write_text(text, encoding="utf-8")
    definitions.sync_sources(tmp_path)
    (tmp_path / "mis-1.toml").write_text(text.replace('label = "DAK"', 'label = "DAK fisik"'))
    with pytest.raises(DomainError) as refused:
        definitions.sync_sources(tmp_path)
    assert refused.value.code == MarketingError.SOURCE_FILE
    assert "mis-1.toml" in refused.value.message and "naikkan 'version'" in refused.value.message
    assert FundingSource.objects.get(code="dak").label == "DAK"


@pytest.mark.django_db
def test_a_malformed_file_names_the_source_and_field(tmp_path):
    (tmp_path / "bad.toml").write_text(
        'code = "x"\nversion = 1\nname = "x"\n[[sources]]\ncode = "a"\nlabel = "A"\n'
        'short = "A"\ncounts_as = "uang"\n',
        encoding="utf-8",
    )
    with pytest.raises(DomainError) as refused:
        definitions.sync_sources(tmp_path)
    assert refused.value.code == MarketingError.SOURCE_FILE
    assert "bad.toml" in refused.value.message and "counts_as" in refused.value.message
