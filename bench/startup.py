"""The second start of `make run` (`manage.py rundemo`: prepare_demo finds everything in place,
then the development server) until it answers its first request, against a bare
`django.setup()` in a fresh process, both measured in the same run (issue 11, item 13).

    .venv/bin/python bench/startup.py --runs 5

A temporary SQLite database is prepared once by a first `rundemo` (migrate, regions, demo seed;
not measured), then each run starts `rundemo` again on a free port and polls `/healthz`. The
figure is the CPU seconds of the whole process tree at the first answer (the preparing parent
and the autoreloader's serving child, from /proc), which load from other work on a shared machine
does not inflate the way it inflates wall time; wall seconds are printed too. The baseline is the
CPU of `python -c "django.setup()"` with the same settings. Target: 5 s CPU.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 5.0
TICK = os.sysconf("SC_CLK_TCK")


def env_for(work: Path, **extra: str) -> dict:
    env = dict(os.environ)
    env.pop("TRIDAYA_TESTING", None)
    env.update(
        DJANGO_DEBUG="1",
        DJANGO_SETTINGS_MODULE="tridaya.settings",
        DATABASE_URL=f"sqlite:///{work / 'demo.sqlite3'}",
        TRIDAYA_VAR_DIR=str(work / "var"),
        TRIDAYA_HTTPS="0",
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_cpu(pid: int) -> float:
    """User + system CPU seconds of `pid` and its living descendants (and of children they
    already reaped)."""
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except FileNotFoundError:
            continue
        # fields[0] is field 3 (state): utime=14, stime=15, cutime=16, cstime=17
        total += sum(int(fields[i]) for i in (11, 12, 13, 14)) / TICK
        pending.extend(int(c) for c in children)
    return total


def start_once(work: Path, timeout: float, **extra: str) -> tuple[float, float]:
    """Start rundemo, wait for its first answer; (CPU s of the tree, wall s)."""
    port = free_port()
    argv = [sys.executable, "manage.py", "rundemo", f"127.0.0.1:{port}"]
    begin = time.perf_counter()
    log = open(work / "rundemo.log", "ab")  # noqa: SIM115
    proc = subprocess.Popen(
        argv, cwd=ROOT, env=env_for(work, **extra), stdout=log, stderr=log, start_new_session=True
    )
    try:
        while True:
            if proc.poll() is not None:
                sys.exit(f"rundemo exited ({proc.returncode}); see {work / 'rundemo.log'}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    pass
            except OSError:
                if time.perf_counter() - begin > timeout:
                    sys.exit(f"no answer in {timeout:.0f} s")
                time.sleep(0.05)
                continue
            return tree_cpu(proc.pid), time.perf_counter() - begin
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
        log.close()


def bare_setup(work: Path) -> tuple[float, float]:
    """CPU and wall seconds of a fresh process that only runs django.setup()."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env_for(work),
        check=True,
    )
    wall = time.perf_counter() - begin
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} [{min(values):.2f}-{max(values):.2f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--keep", help="use (and keep) this prepared directory")
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"CPUs: {os.cpu_count()}, load average: {load}, Python {sys.version.split()[0]}")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tridaya-startup-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print("first start (migrate, regions, demo seed; not measured) ...", flush=True)
        start_once(work, args.timeout)
        rows: dict[str, list[tuple[float, float]]] = {"rundemo": [], "setup": []}
        for _run in range(args.runs):  # interleaved, so both see the same load
            rows["setup"].append(bare_setup(work))
            rows["rundemo"].append(start_once(work, args.timeout))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    cpu = {k: [c for c, _w in v] for k, v in rows.items()}
    wall = {k: [w for _c, w in v] for k, v in rows.items()}
    ratio = statistics.median(cpu["rundemo"]) / statistics.median(cpu["setup"])
    verdict = "PASS" if statistics.median(cpu["rundemo"]) <= TARGET_S else "FAIL"
    print(f"\nmedian [min-max] of {args.runs} runs, seconds")
    print(f"{'':32} {'CPU s':>20} {'wall s':>20}")
    print(f"{'bare django.setup()':32} {spread(cpu['setup']):>20} {spread(wall['setup']):>20}")
    print(
        f"{'rundemo, second start':32} {spread(cpu['rundemo']):>20} {spread(wall['rundemo']):>20}"
    )
    print(f"ratio (CPU, rundemo / django.setup()): {ratio:.1f}")
    print(f"target: second start <= {TARGET_S:.0f} s CPU: {verdict}")


if __name__ == "__main__":
    main()
