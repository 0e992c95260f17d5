"""Admin screens of the training app. The program edits its curricula here (modules with their
lists as one item per line, and the question bank) and its settings; saves go through the
services so they are checked and audited. Trainings and their records are kept on the training
pages, where the rules apply; here they are read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tridaya.core.admin import ServiceAdmin
from tridaya.core.params import parse_int
from tridaya.training.models import (
    CAPACITY_GROUPS,
    ActorGroup,
    Certificate,
    Curriculum,
    FollowUpAction,
    Module,
    Participant,
    Question,
    Session,
    Training,
    TrainingSettings,
)
from tridaya.training.services.curriculum import (
    CURRICULUM_FIELDS,
    MODULE_FIELDS,
    QUESTION_FIELDS,
    SETTINGS_FIELDS,
    curriculum_update,
    module_save,
    settings_update,
)


class LinesField(forms.CharField):
    """A list of strings edited as one item per line."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 90})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class StepsField(forms.CharField):
    """Steps as lines 'minutes | activity | method'."""

    widget = forms.Textarea(attrs={"rows": 6, "cols": 90})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                f"{s.get('minutes', '')} | {s.get('title', '')} | {s.get('method', '')}"
                for s in value
            )
        return value

    def to_python(self, value):
        steps = []
        for number, line in enumerate((super().to_python(value) or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 2 or parse_int(parts[0]) is None:
                raise ValidationError(
                    _(
                        "Baris %(n)s: tulis 'menit | kegiatan | metode', misalnya "
                        "'30 | Curah pendapat | Diskusi'."
                    )
                    % {"n": number}
                )
            steps.append(
                {
                    "title": parts[1],
                    "minutes": int(parts[0]),
                    "method": parts[2] if len(parts) > 2 else "",
                }
            )
        return steps


class ModuleForm(forms.ModelForm):
    objectives = LinesField(label=_("Tujuan (satu per baris)"))
    # The model field is called `media`, like the form's asset declaration (not used here).
    media = LinesField(  # type: ignore[assignment]
        label=_("Media dan alat bantu (satu per baris)"), required=False
    )
    readings = LinesField(label=_("Bahan bacaan (satu per baris)"), required=False)
    indicators = LinesField(label=_("Indikator hasil belajar (satu per baris)"))
    steps = StepsField(label=_("Langkah kegiatan (menit | kegiatan | metode)"))
    target_groups = forms.MultipleChoiceField(
        label=_("Kelompok sasaran"),
        choices=[(g, ActorGroup(g).label) for g in CAPACITY_GROUPS],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Module
        fields = [
            "title",
            "summary",
            "stage",
            "is_core",
            "jpl",
            "objectives",
            "media",
            "readings",
            "steps",
            "indicators",
            "target_groups",
        ]


class QuestionForm(forms.ModelForm):
    options = LinesField(label=_("Pilihan (satu per baris)"), required=False)

    class Meta:
        model = Question
        fields = ["order", "kind", "text", "options", "answer"]


class QuestionInline(admin.StackedInline):
    model = Question
    form = QuestionForm
    extra = 0


class ModuleInline(admin.TabularInline):
    model = Module
    fields = ("order", "code", "title", "stage", "is_core", "jpl")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Curriculum)
class CurriculumAdmin(ServiceAdmin):
    """Loaded from tridaya/training/curricula/*.toml (`manage.py load_curricula`); the
    program may switch a version off for new trainings and edit its modules."""

    list_display = ["name", "code", "version", "is_active", "source_file"]
    list_filter = ["is_active"]
    fields = ["code", "version", "name", "description", "source_file", "checksum", "is_active"]
    readonly_fields = ["code", "version", "source_file", "checksum"]
    inlines = [ModuleInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in CURRICULUM_FIELDS}
        curriculum_update(
            actor=request.user, curriculum=Curriculum.objects.get(pk=obj.pk), values=values
        )

    def save_formset(self, request, form, formset, change):
        """The modules are listed read-only here; they are edited on their own page."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


@admin.register(Module)
class ModuleAdmin(ServiceAdmin):
    form = ModuleForm
    list_display = ["title", "curriculum", "order", "stage", "is_core", "jpl"]
    list_filter = ["curriculum", "is_core", "stage"]
    search_fields = ["title", "code"]
    inlines = [QuestionInline]

    def has_add_permission(self, request):
        return False  # modules come from the curriculum files

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Saved with its questions in save_related, through one service."""

    def save_related(self, request, form, formsets, change):
        [formset] = formsets  # the question bank
        removed, questions = [], []
        for deleted in formset.deleted_forms:
            if deleted.instance.pk:
                removed.append(deleted.instance)
        for question_form in formset.forms:
            data = getattr(question_form, "cleaned_data", {})
            if not data or data.get("DELETE") or not question_form.has_changed():
                continue
            existing = None
            if question_form.instance.pk:
                existing = Question.objects.get(pk=question_form.instance.pk)
            questions.append((existing, {name: data[name] for name in QUESTION_FIELDS}))
        saved = module_save(
            actor=request.user,
            module=Module.objects.get(pk=form.instance.pk),
            values={name: form.cleaned_data[name] for name in MODULE_FIELDS},
            questions=questions,
            removed=removed,
        )
        # The admin's change message reads these three lists, which formset.save() would set.
        changed_data = {
            f.instance.pk: f.changed_data for f in formset.forms if f.instance.pk is not None
        }
        formset.new_objects = saved.added
        formset.changed_objects = [(q, changed_data.get(q.pk, [])) for q in saved.changed]
        formset.deleted_objects = removed


@admin.register(TrainingSettings)
class TrainingSettingsAdmin(ServiceAdmin):
    list_display = ["__str__", "pass_mark", "max_absence_pct", "require_pass"]

    def has_add_permission(self, request):
        return not TrainingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in SETTINGS_FIELDS}
        saved = settings_update(actor=request.user, values=values)
        obj.pk = saved.pk


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SessionInline(admin.TabularInline):
    model = Session
    fields = ("date", "start_time", "end_time", "module", "title", "trainers")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Training)
class TrainingAdmin(ReadOnlyAdmin):
    """Read-only: trainings are planned and recorded on their pages."""

    list_display = ["title", "region", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    search_fields = ["title", "=region__code", "region__name"]
    list_select_related = ["region"]
    inlines = [SessionInline]


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyAdmin):
    list_display = ["name", "group", "sex", "training"]
    list_filter = ["group"]
    search_fields = ["name", "training__title"]
    list_select_related = ["training"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    """Certificates are issued when a training closes and revoked on its certificates page."""

    list_display = ["number", "holder_name", "issued_on", "revoked_at"]
    search_fields = ["number", "holder_name", "=code"]


@admin.register(FollowUpAction)
class FollowUpActionAdmin(ReadOnlyAdmin):
    list_display = ["action", "owner", "due_on", "status", "training"]
    list_filter = ["status"]
    list_select_related = ["training"]
