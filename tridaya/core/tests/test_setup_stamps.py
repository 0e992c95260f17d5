"""`make run` a second time: the demo seed detects itself and the README names the cycle
template version the demo runs."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tridaya.core import demo


@pytest.fixture
def counted_steps(monkeypatch, tmp_path):
    """Two fake seed steps that count their runs, defined in a module file of their own."""
    runs: list[str] = []
    source = tmp_path / "fake_demo_step.py"
    source.write_text("VERSION = 1\n", encoding="utf-8")

    def run(log):
        runs.append("ran")

    steps = [demo.SeedStep(10, "one", run), demo.SeedStep(20, "two", run)]
    monkeypatch.setattr(demo, "steps", lambda: steps)
    monkeypatch.setattr(demo, "_step_sources", lambda step: [source])
    return runs, source


@pytest.mark.django_db
def test_second_seed_detects_itself_and_force_runs_again(counted_steps):
    runs, _ = counted_steps
    call_command("seed_demo", stdout=io.StringIO())
    assert len(runs) == 2

    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert len(runs) == 2
    assert "tidak ada yang ditanam ulang" in out.getvalue()

    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert len(runs) == 4


@pytest.mark.django_db
def test_an_edited_demo_source_seeds_again(counted_steps):
    runs, source = counted_steps
    call_command("seed_demo", stdout=io.StringIO())
    source.write_text("VERSION = 2\n", encoding="utf-8")
    call_command("seed_demo", stdout=io.StringIO())
    assert len(runs) == 4


@pytest.mark.django_db
def test_a_failed_seed_is_not_stamped(counted_steps, monkeypatch):
    def broken(log):
        raise RuntimeError("step failed")

    monkeypatch.setattr(demo, "steps", lambda: [demo.SeedStep(10, "broken", broken)])
    with pytest.raises(RuntimeError):
        call_command("seed_demo", stdout=io.StringIO())
    assert not demo.seed_in_place()


def test_demo_fingerprint_covers_every_registered_step_and_its_demo_package():
    steps = demo.steps()
    assert len(steps) >= 10
    sources = {path for step in steps for path in demo._step_sources(step)}
    root = Path(settings.BASE_DIR)
    assert root / "tridaya/planning/demo/data/hspk-lombok-barat-2026.csv" in sources
    assert root / "tridaya/cycle/demo.py" in sources


def test_readme_names_the_cycle_template_version_the_demo_runs():
    """A village is enrolled on the newest template file (cycle.definitions.current_template)."""
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"tridaya/cycle/templates_data/(plpbk-\d+)\.toml", readme))
    folder = Path(settings.BASE_DIR) / "tridaya/cycle/templates_data"
    newest = max(folder.glob("plpbk-*.toml"), key=lambda p: int(p.stem.split("-")[1])).stem
    assert named == {newest}


@pytest.mark.parametrize("name", ["django.request", "django.utils.autoreload", "django.server"])
def test_each_development_server_line_reaches_one_console_handler(name):
    """Django's own console handler on "django" printed "Not Found: /x" and "Watching for
    file changes" twice (once more through the root handler)."""
    import logging

    consoles = []
    logger: logging.Logger | None = logging.getLogger(name)
    while logger is not None:
        consoles += [h for h in logger.handlers if type(h) is logging.StreamHandler]
        logger = logger.parent if logger.propagate else None
    assert len(consoles) == 1
