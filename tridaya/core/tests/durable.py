"""For each app's durability test: which public services of a module hold a transaction, and
whether it is durable (read from the decorator's closure, so a service cannot claim it); and a
rolled-back block for property tests whose examples call several durable services."""

import importlib
import inspect
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.test import TestCase


def atomic_services(package: str, modules: list[str]) -> list[tuple[str, bool]]:
    """[("module.service", durable)] for the public functions of `package.module` that are
    wrapped in `transaction.atomic`; `modules` empty means `package` itself (prefix "")."""
    found = []
    for name in modules or [""]:
        module = importlib.import_module(f"{package}.{name}" if name else package)
        for n, function in vars(module).items():
            if n.startswith("_") or not inspect.isfunction(function):
                continue
            if function.__module__ != module.__name__:
                continue
            atomics = [
                cell.cell_contents
                for cell in function.__closure__ or ()
                if isinstance(cell.cell_contents, transaction.Atomic)
            ]
            if atomics:
                found.append((f"{name}.{n}" if name else n, bool(vars(atomics[0])["durable"])))
    return found


@contextmanager
def rolled_back() -> Iterator[None]:
    """A block whose writes are rolled back when it ends, for a property test's example that
    calls several services: it is entered as Django's TestCase enters a test (a block marked as
    the test's own), so each durable service inside it still runs as it would at top level
    instead of refusing to nest, and the next example starts from the same database."""
    atomics = TestCase._enter_atomics()  # type: ignore[attr-defined]  # Django's, private
    try:
        yield
    finally:
        TestCase._rollback_atomics(atomics)  # type: ignore[attr-defined]
