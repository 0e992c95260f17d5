"""Compile the translation catalogues (locale/*/LC_MESSAGES/django.po -> .mo).

Uses gettext's msgfmt through `manage.py compilemessages` when it is installed, and Babel (a
Python dependency) otherwise, so `make run` works on a machine without gettext."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    if shutil.which("msgfmt"):
        env = {**os.environ, "DJANGO_DEBUG": "1"}
        cmd = [sys.executable, "manage.py", "compilemessages", "-v", "0"]
        return subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode
    for po_path in (ROOT / "locale").glob("*/LC_MESSAGES/*.po"):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with po_path.with_suffix(".mo").open("wb") as mo_file:
            write_mo(mo_file, catalog)
    return 0


if __name__ == "__main__":
    sys.exit(main())
