"""The demo seed is assembled from steps that each app registers in its AppConfig.ready(), so
`core` runs them without importing any later app. Every step must be idempotent."""

from collections.abc import Callable
from dataclasses import dataclass

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
