"""The criteria sets are versioned files read by the program's one definition loader: stored
once, and a stored version whose file changed is refused."""

import shutil

import pytest

from tridaya.core.definitions import DefinitionError
from tridaya.mapping import criteria
from tridaya.mapping.models import SlumCriteriaSet

pytestmark = pytest.mark.django_db


def test_a_set_is_stored_once_and_a_changed_file_of_its_version_is_refused(tmp_path, monkeypatch):
    source = criteria.CRITERIA_DIR / f"{criteria.DEFAULT_CODE}.toml"
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    monkeypatch.setattr(criteria, "CRITERIA_DIR", tmp_path)
    first = criteria.current_criteria_set()
    assert criteria.current_criteria_set() == first
    assert SlumCriteriaSet.objects.filter(code=criteria.DEFAULT_CODE).count() == 1
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace('name = "', 'name = "Diubah: ', 1), encoding="utf-8")
    with pytest.raises(DefinitionError, match="naikkan 'version'"):
        criteria.current_criteria_set()
