"""System checks of the audit action registry (run by `manage.py check` and by the test suite).

`record_event` already refuses an unregistered action when it runs; these checks catch the code
paths no test runs: every action code written as a literal where it reaches `record_event` must be
registered, and every label must be a translatable (lazy) string.

A literal "reaches" `record_event` when it is the `action=` argument (or a branch of a conditional
expression there), when it is assigned to a variable named `action`, or when it is passed, by
position or keyword, to a function of the same module that forwards its `action` parameter to
`record_event` (such helpers are found across the whole package, so a helper in
`services/common.py` counts for the calls in `services/groups.py`)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import checks
from django.utils.functional import Promise

from tridaya.core.audit import registered_actions

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SKIPPED_PARTS = {"tests", "migrations"}
ACTION_CODE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
QUOTED_CODE = re.compile(r"""["'][a-z][a-z0-9_]*\.[a-z][a-z0-9_]*["']""")


def _string_literals(node: ast.AST) -> Iterator[str]:
    for child in ast.walk(node):
        if (
            isinstance(child, ast.Constant)
            and isinstance(child.value, str)
            and ACTION_CODE.match(child.value)
        ):
            yield child.value


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _forwarders(tree: ast.AST) -> dict[str, int]:
    """Functions of the module that pass their `action` parameter on to `record_event`:
    {name: position of the `action` parameter}."""
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        names = [arg.arg for arg in node.args.posonlyargs + node.args.args]
        all_names = names + [arg.arg for arg in node.args.kwonlyargs]
        if "action" not in all_names:
            continue
        for call in ast.walk(node):
            if isinstance(call, ast.Call) and _called_name(call) == "record_event":
                for keyword in call.keywords:
                    value = keyword.value
                    if (
                        keyword.arg == "action"
                        and isinstance(value, ast.Name)
                        and value.id == "action"
                    ):
                        found[node.name] = names.index("action") if "action" in names else -1
    return found


def action_literals(
    source: str | ast.AST, forwarders: dict[str, int] | None = None, *, complete: bool = False
) -> Iterator[tuple[str, int]]:
    """(action code, line) for every literal that reaches `record_event` in one module (its
    source or its parsed tree). `forwarders` adds helpers defined elsewhere to the module's own
    (`complete`: they already include the module's own)."""
    tree = ast.parse(source) if isinstance(source, str) else source
    if forwarders is None or not complete:
        forwarders = {**(forwarders or {}), **_forwarders(tree)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _called_name(node)
            if name == "record_event" or name in forwarders:
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        for text in _string_literals(keyword.value):
                            yield text, node.lineno
            if name in forwarders and 0 <= forwarders[name] < len(node.args):
                for text in _string_literals(node.args[forwarders[name]]):
                    yield text, node.lineno
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "action" for target in node.targets
        ):
            for text in _string_literals(node.value):
                yield text, node.lineno


def _source_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        if not SKIPPED_PARTS.intersection(path.relative_to(root).parts):
            yield path


def _candidate_trees(root: Path) -> dict[Path, ast.AST]:
    """The parsed modules that can hold an action literal. Parsing and walking every module
    took most of a `manage.py` start (about 8 s), and every command runs the checks; a module
    that neither calls `record_event` (a forwarder) nor holds a quoted dotted code like
    "app.verb" can yield nothing, so it is not parsed."""
    trees: dict[Path, ast.AST] = {}
    for path in _source_files(root):
        text = path.read_text(encoding="utf-8")
        if "record_event" in text or QUOTED_CODE.search(text):
            trees[path] = ast.parse(text)
    return trees


def check_audit_actions(root: Path = PACKAGE_ROOT) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    registered = registered_actions()
    app_labels = {config.label for config in apps.get_app_configs()}
    for code, label in sorted(registered.items()):
        if not isinstance(label, Promise) or not str(label).strip():
            errors.append(
                checks.Error(
                    f"audit action {code!r}: the label must be a non-empty gettext_lazy string",
                    id="tridaya.E101",
                )
            )
        if code.split(".", 1)[0] not in app_labels:
            errors.append(
                checks.Error(
                    f"audit action {code!r} does not start with an installed app's label",
                    id="tridaya.E102",
                )
            )
    trees = _candidate_trees(root)
    forwarders: dict[str, int] = {}
    for tree in trees.values():
        forwarders.update(_forwarders(tree))
    for path, tree in trees.items():
        for code, line in action_literals(tree, forwarders, complete=True):
            if code not in registered:
                errors.append(
                    checks.Error(
                        f"{path.relative_to(root.parent)}:{line}: audit action {code!r} "
                        "is not registered",
                        hint="Add it with its label to register_actions() in the app's policy.py.",
                        id="tridaya.E103",
                    )
                )
    return errors


@checks.register()
def audit_actions_registered(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return check_audit_actions()
