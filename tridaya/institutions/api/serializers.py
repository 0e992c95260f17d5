"""Input and output serializers of the institutions API. Personal data (NIK, phone, birth
year, education, poverty, disability) is only in `PersonFullOutput`."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.institutions import services
from tridaya.institutions.models import (
    BKM,
    KPP,
    KSM,
    BKMMember,
    BKMPosition,
    Education,
    KPPMember,
    Person,
    Pokja,
    PokjaMember,
    Sex,
    SlumAspect,
    TIPPGroup,
    TIPPMember,
    UPKind,
    UPStaff,
    UPUnit,
)
from tridaya.regions.models import Region

# Output ---------------------------------------------------------------------------------------


class PersonBriefOutput(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "sex"]


class PersonPublicOutput(serializers.ModelSerializer):
    nik_masked = serializers.CharField(source="masked_nik")

    class Meta:
        model = Person
        fields = ["id", "name", "sex", "occupation", "nik_masked"]


class PersonFullOutput(PersonPublicOutput):
    class Meta(PersonPublicOutput.Meta):
        fields = [
            *PersonPublicOutput.Meta.fields,
            "nik",
            "phone",
            "birth_year",
            "education",
            "is_poor",
            "disability",
            "disability_note",
        ]


class BKMMemberOutput(serializers.ModelSerializer):
    person = PersonBriefOutput()

    class Meta:
        model = BKMMember
        fields = [
            "id",
            "person",
            "position",
            "term_start",
            "term_end",
            "no_party_declaration",
            "declaration_date",
        ]


class CandidateOutput(serializers.Serializer):
    person = PersonBriefOutput()
    votes = serializers.IntegerField()
    elected = serializers.BooleanField()


class ElectionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    held_on = serializers.DateField()
    place = serializers.CharField()
    notes = serializers.CharField()
    meeting_id = serializers.IntegerField(allow_null=True)
    candidates = CandidateOutput(many=True, source="candidates.all")


class BKMOutput(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()

    class Meta:
        model = BKM
        fields = ["id", "name", "established_on", "members"]

    @extend_schema(responses=BKMMemberOutput(many=True))
    def get_members(self, obj) -> list[dict]:
        return BKMMemberOutput(self.context["members"], many=True).data


class UPStaffOutput(serializers.ModelSerializer):
    person = PersonBriefOutput()

    class Meta:
        model = UPStaff
        fields = ["id", "person", "position", "since"]


class UPUnitOutput(serializers.ModelSerializer):
    staff = UPStaffOutput(many=True, source="staff.all")

    class Meta:
        model = UPUnit
        fields = ["id", "kind", "formed_on", "staff"]


class TIPPMemberOutput(serializers.ModelSerializer):
    person = PersonBriefOutput()

    class Meta:
        model = TIPPMember
        fields = ["id", "person", "group", "role"]


class GenderBalanceOutput(serializers.Serializer):
    men = serializers.IntegerField()
    women = serializers.IntegerField()
    total = serializers.IntegerField()
    women_share = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)


class TIPPOutput(serializers.Serializer):
    id = serializers.IntegerField(source="tipp.id")
    # Empty until the TIPP is formed and confirmed.
    formed_on = serializers.DateField(source="tipp.formed_on", allow_null=True)
    confirmed_by_bkm_on = serializers.DateField(source="tipp.confirmed_by_bkm_on", allow_null=True)
    confirmed_by_lurah_on = serializers.DateField(
        source="tipp.confirmed_by_lurah_on", allow_null=True
    )
    is_confirmed = serializers.BooleanField(source="tipp.is_confirmed")
    gender_balance = GenderBalanceOutput(source="balance")
    members = TIPPMemberOutput(many=True)


class PokjaMemberOutput(serializers.ModelSerializer):
    person = PersonBriefOutput()

    class Meta:
        model = PokjaMember
        fields = ["id", "person", "role"]


class PokjaOutput(serializers.ModelSerializer):
    members = PokjaMemberOutput(many=True, source="members.all")

    class Meta:
        model = Pokja
        fields = ["id", "name", "aspect", "members"]


class MemberOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person = PersonBriefOutput()


class KSMOutput(serializers.ModelSerializer):
    leader = PersonBriefOutput(allow_null=True)
    members = MemberOutput(many=True, source="members.all")

    class Meta:
        model = KSM
        fields = ["id", "name", "activity", "formed_on", "leader", "members"]


class KPPMemberOutput(serializers.ModelSerializer):
    person = PersonBriefOutput()

    class Meta:
        model = KPPMember
        fields = ["id", "person", "role"]


class KPPOutput(serializers.ModelSerializer):
    members = KPPMemberOutput(many=True, source="members.all")

    class Meta:
        model = KPP
        fields = ["id", "name", "assets", "formed_on", "members"]


# Input ----------------------------------------------------------------------------------------


class VillageInput(serializers.Serializer):
    """Person and institution ids are looked up inside the village only (no probing of other
    villages' ids)."""

    def __init__(self, *args, village: Region | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.village = village
        if village is None:  # schema generation
            return
        for field in self.fields.values():
            target = getattr(field, "child_relation", field)
            if isinstance(target, serializers.PrimaryKeyRelatedField):
                target.queryset = target.queryset.model.objects.filter(village=village)


def _people_field(**kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), **kwargs)


class PersonInput(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    sex = serializers.ChoiceField(choices=Sex.choices)
    birth_year = serializers.IntegerField(required=False, allow_null=True)
    education = serializers.ChoiceField(choices=Education.choices, required=False, allow_blank=True)
    occupation = serializers.CharField(max_length=100, required=False, allow_blank=True)
    is_poor = serializers.BooleanField(required=False)
    disability = serializers.BooleanField(required=False)
    disability_note = serializers.CharField(max_length=200, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    nik = serializers.CharField(max_length=16, required=False, allow_blank=True)


PERSONAL_INPUT = ("nik", "phone", "birth_year", "education", "is_poor", "disability")


class BKMInput(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    established_on = serializers.DateField(required=False, allow_null=True)


class BKMMemberInput(VillageInput):
    person = _people_field()
    position = serializers.ChoiceField(choices=BKMPosition.choices)
    term_start = serializers.DateField()
    term_end = serializers.DateField(required=False, allow_null=True)
    no_party_declaration = serializers.BooleanField()
    declaration_date = serializers.DateField(required=False, allow_null=True)


class CandidateInput(VillageInput):
    person = _people_field()
    votes = serializers.IntegerField(min_value=0)
    elected = serializers.BooleanField(required=False, default=False)


class ElectionInput(VillageInput):
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    meeting_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    candidates = serializers.ListField(child=serializers.DictField(), allow_empty=False)

    def validate_candidates(self, rows):
        parsed = []
        for row in rows:
            candidate = CandidateInput(data=row, village=self.village)
            candidate.is_valid(raise_exception=True)
            parsed.append(services.CandidateVotes(**candidate.validated_data))
        return parsed


class UPUnitInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=UPKind.choices)
    formed_on = serializers.DateField(required=False, allow_null=True)


class UPStaffInput(VillageInput):
    unit = serializers.PrimaryKeyRelatedField(queryset=UPUnit.objects.all())
    person = _people_field()
    position = serializers.CharField(max_length=100)
    since = serializers.DateField(required=False, allow_null=True)


class TIPPInput(serializers.Serializer):
    """PUT replaces every date, so each is asked for (null to leave or make it empty): a body
    without them is refused instead of clearing the confirmations."""

    formed_on = serializers.DateField(allow_null=True)
    confirmed_by_bkm_on = serializers.DateField(allow_null=True)
    confirmed_by_lurah_on = serializers.DateField(allow_null=True)


class TIPPMemberInput(VillageInput):
    person = _people_field()
    group = serializers.ChoiceField(choices=TIPPGroup.choices)
    role = serializers.CharField(max_length=100, required=False, allow_blank=True)


class PokjaInput(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    aspect = serializers.ChoiceField(choices=SlumAspect.choices)


class PokjaMemberInput(VillageInput):
    pokja = serializers.PrimaryKeyRelatedField(queryset=Pokja.objects.all())
    person = _people_field()
    role = serializers.CharField(max_length=100, required=False, allow_blank=True)


class KSMInput(VillageInput):
    name = serializers.CharField(max_length=150)
    activity = serializers.CharField(required=False, allow_blank=True)
    formed_on = serializers.DateField(required=False, allow_null=True)
    members = _people_field(many=True)
    leader = _people_field(required=False, allow_null=True)


class KSMMemberInput(VillageInput):
    person = _people_field()


class KPPInput(VillageInput):
    name = serializers.CharField(max_length=150)
    assets = serializers.CharField(required=False, allow_blank=True)
    formed_on = serializers.DateField(required=False, allow_null=True)
    members = _people_field(many=True, required=False)


class KPPMemberInput(VillageInput):
    kpp = serializers.PrimaryKeyRelatedField(queryset=KPP.objects.all())
    person = _people_field()
    role = serializers.CharField(max_length=100, required=False, allow_blank=True)
