"""Pages of certificates: a training's list (revoking one), the certificate PDF, and the public
check of a verification code."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tridaya.core.policy import authorize
from tridaya.core.ratelimit import rate_limited
from tridaya.training import documents
from tridaya.training.forms import (
    ReasonForm,
    VerifyForm,
)
from tridaya.training.models import (
    Certificate,
)
from tridaya.training.policy import (
    REVOKE_CERTIFICATE,
    VIEW_PARTICIPANTS,
)
from tridaya.training.selectors.certificates import (
    certificate_by_code,
    certificates_of,
    normalise_code,
)
from tridaya.training.selectors.results import training_outcomes
from tridaya.training.services.certificates import certificate_revoke
from tridaya.training.views.common import (
    attachment,
    load_training,
    page,
    report,
)


@login_required
def certificates(request, code: str, pk: int):
    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    if request.method == "POST":
        certificate = get_object_or_404(
            Certificate, pk=request.POST.get("certificate") or 0, participant__training=training
        )
        authorize(request.user, REVOKE_CERTIFICATE, certificate)
        try:
            certificate_revoke(
                actor=request.user, certificate=certificate, reason=request.POST.get("reason", "")
            )
        except ValidationError as exc:
            report(request, exc)
        else:
            messages.success(
                request, _("Sertifikat %(number)s dicabut.") % {"number": certificate.number}
            )
        return redirect(request.path)
    outcomes = training_outcomes(training)
    return render(
        request,
        "training/certificates.html",
        page(
            request,
            training,
            "certificates",
            certificates=certificates_of(training),
            outcomes=outcomes,
            reason_form=ReasonForm(),
        ),
    )


@login_required
def certificate_pdf(request, code: str, pk: int, certificate_id: int):
    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    certificate = get_object_or_404(
        Certificate.objects.select_related("participant__village"),
        pk=certificate_id,
        participant__training=training,
    )
    certificate.participant.training = training
    verify_url = request.build_absolute_uri(
        reverse("training_public:verify_code", args=[certificate.code])
    )
    return attachment(
        documents.certificate_file(certificate, verify_url),
        documents.PDF,
        documents.certificate_filename(certificate),
    )


def verify(request):
    """The form; a submitted code goes to its own address (the one printed on certificates)."""
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        code = normalise_code(form.cleaned_data["kode"])
        if code:
            return redirect("training_public:verify_code", code=code)
    return render(request, "training/verify.html", {"form": form})


@rate_limited("certificate_check", methods=None)
def verify_code(request, code: str):
    """Valid, revoked (with when and why) or unknown; unknown answers 404."""
    certificate = certificate_by_code(code)
    normal = normalise_code(code)
    if certificate is not None and normal != code:
        return redirect(reverse("training_public:verify_code", args=[normal]))
    context = {
        "form": VerifyForm(initial={"kode": code}),
        "certificate": certificate,
        "code": code,
        "checked": True,
    }
    status = 200 if certificate is not None else 404
    return render(request, "training/verify.html", context, status=status)
