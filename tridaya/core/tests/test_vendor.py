import importlib.util
import sys
from pathlib import Path

from django.conf import settings

from tridaya.core.vendor import VENDOR

ROOT = Path(settings.BASE_DIR)


def load_fetch_script():
    spec = importlib.util.spec_from_file_location("fetch_vendor", ROOT / "scripts/fetch_vendor.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_templates_use_exactly_the_pinned_vendor_files():
    assert load_fetch_script().vendor_static_paths() == VENDOR


def test_every_vendored_file_is_present_with_its_licence():
    for path in VENDOR.values():
        file = ROOT / "static" / path
        assert file.stat().st_size > 0, path
        licences = list(file.parent.glob("LICENSE*")) + list(file.parent.parent.glob("LICENSE*"))
        assert licences, f"no licence beside {path}"
