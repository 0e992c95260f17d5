"""Cycle templates as versioned TOML files in `templates_data/`, checked and loaded into the
database. A loaded version is immutable: if its file changes without a new version number, loading
is refused, so a running cycle can always be traced to the exact rules it was enrolled under."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import Role
from tridaya.core.definitions import Definition, read_definition, sync_definitions
from tridaya.cycle.models import SIGNOFF_ORDER, CycleTemplate

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_data"


class TemplateError(ValidationError):
    """A template file is malformed; the message names the file and the step."""


def read_file(path: Path) -> dict:
    return read_definition(path, check=check_definition, error=TemplateError).data


def check_definition(data: dict, source: str) -> None:
    """Every problem in one message: unknown rules or roles, duplicate codes, missing fields."""
    from tridaya.cycle.gates import known_rule

    problems: list[str] = []
    for key in ("code", "version", "name", "stages"):
        if key not in data:
            problems.append(_("kunci '%(key)s' tidak ada") % {"key": key})
    known_roles = _all_role_names()
    seen: set[str] = set()
    for stage in data.get("stages", []):
        for step in stage.get("steps", []):
            code = step.get("code", "?")
            if code in seen:
                problems.append(_("langkah '%(code)s' ganda") % {"code": code})
            seen.add(code)
            if not step.get("title"):
                problems.append(_("langkah '%(code)s' tanpa judul") % {"code": code})
            for gate in step.get("gates", []):
                reason = known_rule(gate)
                if reason:
                    problems.append(f"{code}: {reason}")
            signoffs = {**data.get("default_signoffs", {}), **step.get("signoffs", {})}
            for kind in SIGNOFF_ORDER:
                roles = signoffs.get(kind, [])
                if not roles:
                    problems.append(
                        _("%(code)s: tidak ada peran untuk tanda tangan '%(kind)s'")
                        % {"code": code, "kind": kind}
                    )
                unknown = set(roles) - known_roles
                if unknown:
                    problems.append(
                        _("%(code)s: peran tidak dikenal %(roles)s")
                        % {"code": code, "roles": ", ".join(sorted(unknown))}
                    )
    if problems:
        raise TemplateError(f"{source}: " + "; ".join(problems))


def _all_role_names() -> set[str]:
    return set(Role.values)


@transaction.atomic
def sync_templates(directory: Path = TEMPLATES_DIR) -> list[CycleTemplate]:
    """Load every template file not yet in the database; refuse a changed loaded version."""
    return sync_definitions(
        directory, model=CycleTemplate, create=_create, check=check_definition, error=TemplateError
    )


def _create(definition: Definition) -> CycleTemplate:
    return CycleTemplate.objects.create(
        code=definition.code,
        version=definition.version,
        name=definition.data["name"],
        definition=definition.data,
        checksum=definition.checksum,
    )


def current_template(code: str) -> CycleTemplate:
    """The newest version of a template, loading new files first."""
    sync_templates()
    template = CycleTemplate.objects.filter(code=code).order_by("-version").first()
    if template is None:
        raise TemplateError(_("Templat siklus '%(code)s' tidak ditemukan.") % {"code": code})
    return template


def step_definitions(template: CycleTemplate) -> list[dict]:
    """The template's steps in order, each with its stage and effective sign-off roles."""
    data = template.definition
    steps = []
    for stage_order, stage in enumerate(data["stages"], start=1):
        for step in stage["steps"]:
            steps.append(
                {
                    **step,
                    "stage_code": stage["code"],
                    "stage_title": stage["title"],
                    "stage_order": stage_order,
                    "signoffs": {**data.get("default_signoffs", {}), **step.get("signoffs", {})},
                }
            )
    return steps
