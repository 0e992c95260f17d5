"""What the page benchmarks share: a child process per backend with its own settings, the
PostgreSQL admin connection that creates the bench database, peak memory and a median [min-max]
spread. A benchmark script runs as `python bench/<name>.py`, so this module imports as `harness`."""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_env(url: str, var_dir: Path) -> dict:
    import os

    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="tridaya.settings",
        TRIDAYA_TESTING="1",
        TRIDAYA_HTTPS="0",
        TRIDAYA_VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT),
    )
    return env


def spawn(argv: list[str], url: str, var_dir: Path) -> str:
    """Run `argv` in the project with the database `url`; stop the benchmark when it fails."""
    done = subprocess.run(
        argv, cwd=ROOT, env=child_env(url, var_dir), capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(argv)}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def pg_admin(admin_url: str, *statements: str) -> str:
    """Run `statements` on the admin connection; return the server version."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        for statement in statements:
            conn.execute(statement)
        return conn.execute("SHOW server_version").fetchone()[0]


def spread(values: list[float], scale: float = 1000.0) -> str:
    """'median [min-max]' of `values` times `scale` (seconds to milliseconds by default)."""
    med, low, high = (statistics.median(values) * scale, min(values) * scale, max(values) * scale)
    return f"{med:.0f} [{low:.0f}-{high:.0f}]"
