"""Admin screens for people and institutions. Saves and membership changes go through the
services, so they are checked, validated and audited as on the pages. Nothing is deleted here
(there is no delete service; members leave through the inlines). An institution and its member
lines are saved by one durable service (`services.memberships`), outside the admin's transaction.
A KSM is formed on its page or through the API (it needs its three members at once), so the admin
only changes existing ones."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from tridaya.core.admin import NoDeleteAdminMixin, ServiceAdmin
from tridaya.institutions import services
from tridaya.institutions.models import (
    BKM,
    KPP,
    KSM,
    KSM_MIN_MEMBERS,
    TIPP,
    BKMMember,
    Election,
    ElectionCandidate,
    KPPMember,
    KSMMember,
    Person,
    Pokja,
    PokjaMember,
    TIPPMember,
    UPStaff,
    UPUnit,
)
from tridaya.institutions.personal_data import log_person_niks


def _values(form, names) -> dict:
    return {name: form.cleaned_data.get(name) for name in names}


@admin.register(Person)
class PersonAdmin(NoDeleteAdminMixin, ServiceAdmin):
    list_display = ["name", "sex", "village", "masked_nik", "is_poor"]
    list_filter = ["sex", "is_poor", "disability"]
    search_fields = ["name", "=village__code", "village__name"]
    raw_id_fields = ["village"]
    list_select_related = ["village"]

    readonly_fields = ["data_rights"]

    @admin.display(description=_("NIK (tersamar)"))
    def masked_nik(self, obj: Person) -> str:
        return obj.masked_nik

    @admin.display(description=_("Hak data pribadi (UU PDP)"))
    def data_rights(self, obj: Person) -> str:
        if not obj.pk:
            return "—"
        url = reverse("institutions:personal_data", args=[obj.village_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Ekspor, hapus, akses NIK"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The change form shows the NIK in full: the showing is logged (access log)."""
        if request.method == "GET":
            person = self.get_object(request, object_id)
            if person is not None and self.has_view_or_change_permission(request, person):
                log_person_niks(request.user, [person], place="admin:person")
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        values = _values(form, services.PERSON_FIELDS)
        if change:
            saved = services.person_update(
                actor=request.user, person=Person.objects.get(pk=obj.pk), **values
            )
        else:
            saved = services.person_create(actor=request.user, village=obj.village, **values)
        obj.pk = saved.pk


class MembershipInline(admin.TabularInline):
    """Members added or removed here are saved with the institution (`MembershipAdmin`)."""

    extra = 0
    raw_id_fields = ["person"]

    def has_change_permission(self, request, obj=None):
        return False  # a membership is added or removed, never edited in place


class MembershipAdmin(NoDeleteAdminMixin, ServiceAdmin):
    """The institution and the members added or removed in its inline are saved together by
    one durable service (`save_with_members`), outside the admin's own transaction: one refused
    line saves none of it."""

    def save_model(self, request, obj, form, change):
        """Saved with its members in `save_related`."""

    def save_related(self, request, form, formsets, change):
        add, remove = [], []
        for formset in formsets:
            formset.save(commit=False)  # fills formset.deleted_objects; writes nothing
            remove.extend(formset.deleted_objects)
            for member_form in formset.forms:
                data = getattr(member_form, "cleaned_data", {})
                if not data or data.get("DELETE") or member_form.instance.pk:
                    continue
                names = [n for n in formset.form._meta.fields if n != formset.fk.name]
                add.append({name: data[name] for name in names})
        saved = self.save_with_members(request.user, form.instance, change, add, remove)
        form.instance.pk = saved.pk

    def save_with_members(self, actor, obj, change, add, remove):
        raise NotImplementedError


class BKMMemberInline(MembershipInline):
    model = BKMMember
    fields = [
        "person",
        "position",
        "term_start",
        "term_end",
        "no_party_declaration",
        "declaration_date",
    ]


@admin.register(BKM)
class BKMAdmin(MembershipAdmin):
    list_display = ["name", "village", "established_on"]
    search_fields = ["name", "=village__code", "village__name"]
    raw_id_fields = ["village"]
    inlines = [BKMMemberInline]

    def save_with_members(self, actor, obj, change, add, remove):
        return services.bkm_save_with_members(
            actor=actor,
            village=obj.village,
            name=obj.name,
            established_on=obj.established_on,
            add=add,
            remove=remove,
        )


class CandidateInline(admin.TabularInline):
    model = ElectionCandidate
    fields = readonly_fields = ("person", "votes", "elected")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Election)
class ElectionAdmin(NoDeleteAdminMixin, ServiceAdmin):
    """Elections are recorded on the BKM page or through the API (with all their candidates);
    here only the link to the cycle's rembug can be set."""

    list_display = ["bkm", "held_on", "place", "meeting_id"]
    search_fields = ["bkm__name", "=bkm__village__code"]
    fields = ["bkm", "held_on", "place", "notes", "meeting_id"]
    readonly_fields = ["bkm", "held_on", "place", "notes"]
    inlines = [CandidateInline]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        election = Election.objects.select_related("bkm").get(pk=obj.pk)
        services.election_link_meeting(
            actor=request.user, election=election, meeting_id=obj.meeting_id
        )


class UPStaffInline(MembershipInline):
    model = UPStaff
    fields = ["person", "position", "since"]


@admin.register(UPUnit)
class UPUnitAdmin(MembershipAdmin):
    list_display = ["kind", "village", "formed_on"]
    list_filter = ["kind"]
    search_fields = ["=village__code", "village__name"]
    raw_id_fields = ["village"]
    inlines = [UPStaffInline]

    def get_readonly_fields(self, request, obj=None):
        return ["village", "kind", "formed_on"] if obj else []

    def save_with_members(self, actor, obj, change, add, remove):
        return services.up_unit_save_with_staff(
            actor=actor,
            village=obj.village,
            unit=obj if change else None,
            kind=obj.kind,
            formed_on=obj.formed_on,
            add=add,
            remove=remove,
        )


class TIPPMemberInline(MembershipInline):
    model = TIPPMember
    fields = ["person", "group", "role"]


@admin.register(TIPP)
class TIPPAdmin(MembershipAdmin):
    list_display = ["village", "formed_on", "confirmed_by_bkm_on", "confirmed_by_lurah_on"]
    search_fields = ["=village__code", "village__name"]
    raw_id_fields = ["village"]
    inlines = [TIPPMemberInline]

    def save_with_members(self, actor, obj, change, add, remove):
        return services.tipp_save_with_members(
            actor=actor,
            village=obj.village,
            formed_on=obj.formed_on,
            confirmed_by_bkm_on=obj.confirmed_by_bkm_on,
            confirmed_by_lurah_on=obj.confirmed_by_lurah_on,
            add=add,
            remove=remove,
        )


class PokjaMemberInline(MembershipInline):
    model = PokjaMember
    fields = ["person", "role"]


@admin.register(Pokja)
class PokjaAdmin(MembershipAdmin):
    list_display = ["name", "aspect", "village"]
    list_filter = ["aspect"]
    search_fields = ["name", "=village__code", "village__name"]
    raw_id_fields = ["village"]
    inlines = [PokjaMemberInline]

    def get_readonly_fields(self, request, obj=None):
        return ["village", "name", "aspect"] if obj else []

    def save_with_members(self, actor, obj, change, add, remove):
        return services.pokja_save_with_members(
            actor=actor,
            village=obj.village,
            pokja=obj if change else None,
            name=obj.name,
            aspect=obj.aspect,
            add=add,
            remove=remove,
        )


class KSMMemberFormSet(BaseInlineFormSet):
    def clean(self):
        """Say it on the form rather than fail on save: a KSM keeps at least three members."""
        super().clean()
        kept = sum(
            1
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
            and (form.instance.pk or form.cleaned_data.get("person"))
        )
        if kept < KSM_MIN_MEMBERS:
            raise ValidationError(
                _("KSM harus beranggota sedikitnya %(minimum)s orang.")
                % {"minimum": KSM_MIN_MEMBERS}
            )


class KSMMemberInline(MembershipInline):
    model = KSMMember
    formset = KSMMemberFormSet
    fields = ["person"]


@admin.register(KSM)
class KSMAdmin(MembershipAdmin):
    list_display = ["name", "village", "leader", "formed_on"]
    search_fields = ["name", "=village__code", "village__name"]
    fields = ["village", "name", "activity", "leader", "formed_on"]
    readonly_fields = ["village"]
    raw_id_fields = ["leader"]
    inlines = [KSMMemberInline]

    def has_add_permission(self, request):
        return False

    def save_with_members(self, actor, obj, change, add, remove):
        return services.ksm_update_with_members(
            actor=actor,
            ksm=KSM.objects.get(pk=obj.pk),
            name=obj.name,
            activity=obj.activity,
            leader=obj.leader,
            formed_on=obj.formed_on,
            add=[line["person"] for line in add],
            remove=remove,
        )


class KPPMemberInline(MembershipInline):
    model = KPPMember
    fields = ["person", "role"]


@admin.register(KPP)
class KPPAdmin(MembershipAdmin):
    list_display = ["name", "village", "formed_on"]
    search_fields = ["name", "=village__code", "village__name"]
    raw_id_fields = ["village"]
    inlines = [KPPMemberInline]

    def get_readonly_fields(self, request, obj=None):
        return ["village"] if obj else []

    def save_with_members(self, actor, obj, change, add, remove):
        return services.kpp_save_with_members(
            actor=actor,
            village=obj.village,
            kpp=KPP.objects.get(pk=obj.pk) if change else None,
            name=obj.name,
            assets=obj.assets,
            formed_on=obj.formed_on,
            add=add,
            remove=remove,
        )
