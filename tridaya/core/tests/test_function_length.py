"""scripts/check_function_length.py (run by `make lint`) finds functions over 80 lines."""

import importlib.util
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "check_function_length.py"


def _script():
    spec = importlib.util.spec_from_file_location("check_function_length", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_long_functions_and_methods_are_found_with_their_length(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(80))
    path = tmp_path / "code.py"
    path.write_text(
        f"def short():\n    return 1\n\n\ndef too_long():\n{body}\n\n\n"
        f"class Thing:\n    @property\n    def fine(self):\n        return 2\n\n"
        f"    def method(self):\n{body.replace('    ', '        ')}\n        return 3\n"
    )
    found = _script().long_functions(path)
    assert [(name, length) for name, _line, length in found] == [
        ("too_long", 81),
        ("Thing.method", 82),
    ]
