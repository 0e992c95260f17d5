"""REST endpoints of the cycle engine; the same services and policy as the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.choices import Sex
from tridaya.core.policy import authorize, can
from tridaya.cycle import selectors, services
from tridaya.cycle.models import (
    AttendanceMode,
    Meeting,
    MeetingKind,
    Program,
    SignOff,
    SignOffKind,
    Step,
)
from tridaya.regions.pages import village_or_404


class RuleOutput(serializers.Serializer):
    rule = serializers.CharField()
    ok = serializers.BooleanField()
    message = serializers.CharField()


class SignOffOutput(serializers.ModelSerializer):
    class Meta:
        model = SignOff
        fields = [
            "id",
            "kind",
            "signer_name",
            "role",
            "signed_on",
            "withdrawn_at",
            "withdraw_reason",
        ]


class StepOutput(serializers.ModelSerializer):
    signoffs = SignOffOutput(many=True, source="active_signoffs", default=list)

    class Meta:
        model = Step
        fields = [
            "order",
            "stage_code",
            "stage_title",
            "code",
            "title",
            "status",
            "opened_at",
            "completed_at",
            "signoffs",
        ]


class CycleOutput(serializers.Serializer):
    village = serializers.CharField(source="village.code")
    program = serializers.CharField(source="cycle.program.code")
    template = serializers.CharField(source="cycle.template")
    current_step = serializers.CharField(source="current.code", allow_null=True, default=None)
    blockers = RuleOutput(many=True)
    steps = StepOutput(many=True)


class EnrolInput(serializers.Serializer):
    program = serializers.SlugRelatedField(slug_field="code", queryset=Program.objects.all())


class VillageCycleAPI(APIView):
    """GET: a village's cycle, its steps and what blocks the current one (public).
    POST: enrol the village in a program (officers)."""

    @extend_schema(responses=CycleOutput)
    def get(self, request, code: str):
        page = selectors.cycle_page(code)
        if page.cycle is None:
            return Response({"detail": "Belum terdaftar di program."}, status=404)
        return Response(CycleOutput(page).data)

    @extend_schema(request=EnrolInput, responses=CycleOutput)
    def post(self, request, code: str):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village = village_or_404(code)
        authorize(request.user, "cycle.enrol", village)
        data = EnrolInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.cycle_enrol(
            actor=request.user, village=village, program=data.validated_data["program"]
        )
        return Response(CycleOutput(selectors.cycle_page(code)).data, status=201)


class StepDetailOutput(StepOutput):
    description = serializers.CharField()
    outputs = serializers.ListField(child=serializers.CharField())
    gates = RuleOutput(many=True)

    class Meta(StepOutput.Meta):
        fields = [*StepOutput.Meta.fields, "description", "outputs", "gates"]


def _step_response(code: str, step_code: str, status_code=200) -> Response:
    page = selectors.step_page(code, step_code)
    step = page.step
    # Read by the serializer; the model has no such fields.
    step.active_signoffs = page.signoffs  # type: ignore[attr-defined]
    step.gates = page.results  # type: ignore[attr-defined]
    return Response(StepDetailOutput(step).data, status=status_code)


class StepAPI(APIView):
    """A step with each gate rule's result and its active sign-offs."""

    @extend_schema(responses=StepDetailOutput)
    def get(self, request, code: str, step_code: str):
        return _step_response(code, step_code)


class _StepActionAPI(APIView):
    """A step's action: the step is read and `policy_action` authorized on it (404 outside the
    user's scope, 403 inside it) before the input is validated."""

    permission_classes = [IsAuthenticated]
    policy_action: str

    def step(self, code: str, step_code: str) -> Step:
        step = selectors.step_page(code, step_code).step
        authorize(self.request.user, self.policy_action, step)
        return step


class SignOffInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SignOffKind.choices)


class SignStepAPI(_StepActionAPI):
    policy_action = "cycle.sign"

    @extend_schema(request=SignOffInput, responses={201: StepDetailOutput})
    def post(self, request, code: str, step_code: str):
        step = self.step(code, step_code)
        data = SignOffInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.signoff_give(actor=request.user, step=step, kind=data.validated_data["kind"])
        return _step_response(code, step_code, status.HTTP_201_CREATED)


class StepReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class WithdrawSignOffAPI(_StepActionAPI):
    policy_action = "cycle.withdraw_signoff"

    @extend_schema(request=StepReasonInput, responses=StepDetailOutput)
    def post(self, request, code: str, step_code: str, signoff_id: int):
        step = self.step(code, step_code)
        signoff = get_object_or_404(SignOff, pk=signoff_id, step=step)
        data = StepReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.signoff_withdraw(
            actor=request.user, signoff=signoff, reason=data.validated_data["reason"]
        )
        return _step_response(code, step_code)


class OverrideGateAPI(_StepActionAPI):
    policy_action = "cycle.override_gate"

    @extend_schema(request=StepReasonInput, responses=StepDetailOutput)
    def post(self, request, code: str, step_code: str):
        step = self.step(code, step_code)
        data = StepReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.gate_override(actor=request.user, step=step, reason=data.validated_data["reason"])
        return _step_response(code, step_code)


class CompleteStepAPI(_StepActionAPI):
    policy_action = "cycle.complete_step"

    @extend_schema(request=None, responses=StepDetailOutput)
    def post(self, request, code: str, step_code: str):
        services.step_complete(actor=request.user, step=self.step(code, step_code))
        return _step_response(code, step_code)


class AttendeeSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    sex = serializers.ChoiceField(choices=Sex.choices)
    is_poor = serializers.BooleanField(default=False)
    disabled = serializers.BooleanField(default=False)
    role = serializers.CharField(max_length=80, allow_blank=True, default="")


class MeetingInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    step = serializers.SlugField(required=False, allow_null=True, help_text="kode langkah")
    title = serializers.CharField(required=False, allow_blank=True, default="")
    number = serializers.CharField(required=False, allow_blank=True, default="")
    agenda = serializers.CharField()
    held_on = serializers.DateField()
    start_time = serializers.TimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField()
    facilitator = serializers.CharField(required=False, allow_blank=True, default="")
    attendance_mode = serializers.ChoiceField(
        choices=AttendanceMode.choices, default=AttendanceMode.COUNTS
    )
    men = serializers.IntegerField(min_value=0, default=0)
    women = serializers.IntegerField(min_value=0, default=0)
    poor = serializers.IntegerField(min_value=0, default=0)
    disabled = serializers.IntegerField(min_value=0, default=0)
    decisions = serializers.ListField(child=serializers.CharField(), default=list)
    attendees = AttendeeSerializer(many=True, default=list)

    def to_input(self) -> services.MeetingInput:
        data = dict(self.validated_data)
        data.pop("step", None)
        attendees = tuple(services.AttendeeInput(**a) for a in data.pop("attendees"))
        return services.MeetingInput(
            **{**data, "decisions": tuple(data["decisions"]), "attendees": attendees}
        )


class MeetingOutput(serializers.ModelSerializer):
    step = serializers.CharField(source="step.code", allow_null=True, default=None)
    attendees = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", *services.MEETING_FIELDS, "attendees"]

    def get_attendees(self, meeting) -> list[dict] | None:
        """Names are personal data: only for roles allowed to see attendance lists."""
        user = self.context["request"].user
        if not can(user, "cycle.view_attendees", meeting):
            return None
        return AttendeeSerializer(meeting.attendees.all(), many=True).data


class MeetingListAPI(APIView):
    """GET: a village's meetings (public counts). POST: record one (meeting recorders)."""

    @extend_schema(responses=MeetingOutput(many=True))
    def get(self, request, code: str):
        village = village_or_404(code)
        meetings = selectors.village_meetings(village).prefetch_related("attendees")
        return Response(MeetingOutput(meetings, many=True, context={"request": request}).data)

    @extend_schema(request=MeetingInputSerializer, responses=MeetingOutput)
    def post(self, request, code: str):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village = village_or_404(code)
        authorize(request.user, "cycle.record_meeting", village)
        data = MeetingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        step = None
        if data.validated_data.get("step"):
            step = selectors.step_page(code, data.validated_data["step"]).step
        meeting = services.meeting_record(
            actor=request.user, village=village, data=data.to_input(), step=step
        )
        return Response(MeetingOutput(meeting, context={"request": request}).data, status=201)


class MeetingDetailAPI(APIView):
    @extend_schema(responses=MeetingOutput)
    def get(self, request, code: str, meeting_id: int):
        meeting = selectors.meeting_for_village(code, meeting_id)
        return Response(MeetingOutput(meeting, context={"request": request}).data)
