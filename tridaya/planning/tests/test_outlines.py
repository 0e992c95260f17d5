"""The shipped outlines are versioned definition files read by tridaya.core.definitions."""

import pytest
from django.core.exceptions import ValidationError

from tridaya.planning.outlines import OUTLINE_DIR, shipped_outlines


def test_the_newest_shipped_outline_of_each_kind_is_read():
    outlines = shipped_outlines()
    assert set(outlines) == {"rplp", "rtplp"}
    assert outlines["rplp"]["code"] == "outline-rplp" and outlines["rplp"]["version"] == 1


def test_a_shipped_outline_with_an_unknown_block_is_refused_naming_the_file(tmp_path, monkeypatch):
    text = (OUTLINE_DIR / "rplp-1.toml").read_text(encoding="utf-8")
    broken = text.replace('"vision_mission"', '"peta_ajaib"', 1)
    assert broken != text
    (tmp_path / "rplp-2.toml").write_text(broken.replace("version = 1", "version = 2"), "utf-8")
    monkeypatch.setattr("tridaya.planning.outlines.OUTLINE_DIR", tmp_path)
    with pytest.raises(ValidationError) as exc:
        shipped_outlines()
    assert "rplp-2.toml" in str(exc.value) and "peta_ajaib" in str(exc.value)
