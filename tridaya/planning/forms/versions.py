"""Forms of a plan version's uji publik, feedback and amendment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.reasons import MIN_REASON_LENGTH
from tridaya.cycle.models import Meeting, MeetingKind
from tridaya.planning.forms.plans import _styled


class PublicTestForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Pertemuan uji publik"),
        queryset=Meeting.objects.none(),
        help_text=_("Catat dulu pertemuannya di menu Pertemuan."),
    )

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            village=village, kind=MeetingKind.UJI_PUBLIK
        ).order_by("-held_on")
        _styled(self)


class FeedbackForm(forms.Form):
    raised_by = forms.CharField(label=_("Disampaikan oleh"), max_length=200)
    point = forms.CharField(label=_("Masukan"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class AmendForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan perubahan"),
        min_length=MIN_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)
