"""For each app's durability test: which public services of a module hold a transaction, and
whether it is durable (read from the decorator's closure, so a service cannot claim it)."""

import importlib
import inspect

from django.db import transaction


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
