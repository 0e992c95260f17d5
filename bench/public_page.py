"""The public village page ("Ke mana dana BLM?") from the cache under load: gunicorn with 2 sync
workers on 127.0.0.1 serving the page, measured with wrk, against a static file served by the same
stack (WhiteNoise inside the same gunicorn) in the same run; also the public list of the villages of
its kecamatan (anonymous, cached). Prints requests/s of each, the ratios,
and PASS/FAIL against the target (>= 300 req/s for the page). Loopback only, bounded duration.

    .venv/bin/python bench/public_page.py [--seconds 10] [--runs 3] [--connections 8] [--demo]

It builds its own SQLite database in a temporary folder (the demo region tree and complaints;
`--demo` seeds the whole demo village instead, slower) and production settings (DEBUG off).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAJUR = "52.01.08.2006"
DISTRICT = "52.01.08"  # its kecamatan: the public list of its villages
TARGET = 300.0
SETUP = """
from tridaya.regions import demo as regions_demo
from tridaya.regions.tests.factories import region
for code in regions_demo.DEMO_VILLAGES:
    region(code)
regions_demo.seed(print)
from tridaya.oversight import demo
demo.seed(print)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str, stdin: str | None = None) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        input=stdin,
        text=True,
        stdout=subprocess.DEVNULL,
    )


def wrk(url: str, seconds: int, connections: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url],
        check=True,
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--demo", action="store_true")
    args = parser.parse_args()
    # A worker finishing its last request may recreate SQLite's -wal file while the folder is
    # removed: the figures are worth more than a tidy /tmp.
    with tempfile.TemporaryDirectory(
        prefix="tridaya-bench-public-", ignore_cleanup_errors=True
    ) as tmp:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_DEBUG": "0",
            "TRIDAYA_HTTPS": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "TRIDAYA_VAR_DIR": tmp,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        }
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        if args.demo:
            manage(env, "seed_demo")
        else:
            manage(env, "shell", stdin=SETUP)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "tridaya.wsgi",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:  # stop gunicorn whatever happens (a timeout included)
            page, static = f"{base}/wilayah/{BAJUR}/publik/", f"{base}/static/css/print.css"
            listing = f"{base}/wilayah/{DISTRICT}/publik/desa/"
            wait_until_up(page)
            wait_until_up(static)
            wait_until_up(listing)
            pages, statics, lists = [], [], []
            for _ in range(args.runs):
                pages.append(wrk(page, args.seconds, args.connections))
                statics.append(wrk(static, args.seconds, args.connections))
                lists.append(wrk(listing, args.seconds, args.connections))
        finally:
            server.terminate()
            server.wait(timeout=20)
    page_rps, static_rps = statistics.median(pages), statistics.median(statics)
    print(f"public page (cached): median {page_rps:.0f} req/s  runs {[round(x) for x in pages]}")
    print(
        f"static file:          median {static_rps:.0f} req/s  runs {[round(x) for x in statics]}"
    )
    list_rps = statistics.median(lists)
    print(f"village list (cached): median {list_rps:.0f} req/s  runs {[round(x) for x in lists]}")
    print(
        f"ratio page/static: {page_rps / static_rps:.2f}  list/static: {list_rps / static_rps:.2f}"
    )
    ok = page_rps >= TARGET
    print(f"{'PASS' if ok else 'FAIL'}: target >= {TARGET:.0f} req/s for the public page")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
