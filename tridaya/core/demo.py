"""The demo seed is assembled from steps that each app registers in its AppConfig.ready(), so
`core` runs them without importing any later app. Every step must be idempotent."""

import hashlib
import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEMO_PASSWORD = "tridaya-demo-2026"


@dataclass(frozen=True)
class SeedStep:
    order: int
    name: str
    run: Callable[[Callable[[str], None]], None]  # receives a `log(message)` function


_steps: dict[str, SeedStep] = {}


def register(*, order: int, name: str, run: Callable[[Callable[[str], None]], None]) -> None:
    _steps[name] = SeedStep(order, name, run)


def steps() -> list[SeedStep]:
    return sorted(_steps.values(), key=lambda step: step.order)


STAMP_KEY = "demo"


def _step_sources(step: SeedStep) -> list[Path]:
    """The files a step's seed comes from: its module, or its whole `demo/` package (with the
    data files in it) when the module is part of one."""
    module = sys.modules[step.run.__module__]
    path = Path(inspect.getfile(module))
    folder = next((parent for parent in path.parents if parent.name == "demo"), None)
    if folder is None:
        return [path]
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def fingerprint() -> str:
    """A checksum of the registered steps (order and name) and of their sources: a demo seeded
    with the same fingerprint is in place; editing any demo module seeds again."""
    ordered = steps()
    names = "|".join(f"{step.order}:{step.name}" for step in ordered)
    paths = sorted({path for step in ordered for path in _step_sources(step)})
    from tridaya.core.setup_stamps import files_checksum

    return hashlib.sha256((names + "\0" + files_checksum(paths)).encode("utf-8")).hexdigest()


# The stamp helpers import models, and this module is imported by the apps' AppConfig modules
# before models are ready: hence the imports inside the functions.
def seed_in_place() -> bool:
    """True when the demo was seeded completely from the sources it has now."""
    from tridaya.core.setup_stamps import stamp_matches

    return stamp_matches(STAMP_KEY, fingerprint())


def mark_seeded() -> None:
    from tridaya.core.setup_stamps import stamp_record

    stamp_record(STAMP_KEY, fingerprint(), count=len(steps()))
