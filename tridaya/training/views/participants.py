"""Pages of the people of a training: its participants (picked from the village's
institutions, its register or as guests) and the capacity map of a village."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.params import parse_id
from tridaya.core.policy import authorize, can
from tridaya.institutions.models import Person
from tridaya.institutions.selectors import people_choices
from tridaya.regions.models import Region
from tridaya.regions.pages import village_or_404
from tridaya.training.forms import (
    GuestForm,
    PersonPickForm,
)
from tridaya.training.models import (
    ActorGroup,
    Participant,
)
from tridaya.training.policy import (
    MANAGE,
    VIEW_PARTICIPANTS,
)
from tridaya.training.selectors.participants import candidates, village_capacity, villages_of
from tridaya.training.selectors.results import training_outcomes
from tridaya.training.services.participants import (
    participant_add,
    participant_remove,
    participants_add_people,
)
from tridaya.training.views.common import (
    load_training,
    page,
    report,
)


def capacity_map(request, code: str):
    region = village_or_404(code, activate_timezone=True)
    capacity = village_capacity(region)
    return render(
        request,
        "training/capacity.html",
        {
            "region": region,
            "village": region,
            "capacity": capacity,
            "core_gaps": capacity.gaps(core_only=True),
            "later_gaps": [g for g in capacity.gaps() if not g.module.is_core],
            "show_names": can(request.user, VIEW_PARTICIPANTS, region),
        },
    )


def _source_village(request, training) -> Region | None:
    """The village whose people are offered: the training's, or for a kecamatan training the
    one chosen in `?desa=`."""
    villages = villages_of(training.region)
    if training.region.is_village:
        return training.region
    wanted = request.GET.get("desa") or request.POST.get("desa")
    return next((v for v in villages if v.code == wanted), None)


@login_required
def participants(request, code: str, pk: int):
    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    village = _source_village(request, training)
    villages = villages_of(training.region)
    action = request.POST.get("action") if request.method == "POST" else None
    people = people_choices(village) if village is not None else Person.objects.none()
    guest_form = GuestForm(
        request.POST if action == "guest" else None,
        villages=None if training.region.is_village else villages,
        prefix="tamu",
    )
    person_form = PersonPickForm(
        request.POST if action == "person" else None, people=people, prefix="warga"
    )
    if action:
        authorize(request.user, MANAGE, training)
        response = _participants_post(request, training, action, village, guest_form, person_form)
        if response is not None:
            return response
    outcomes = training_outcomes(training)
    taken = {p.person_id for p in outcomes.participants if p.person_id}
    groups = candidates(village) if village is not None else []
    return render(
        request,
        "training/participants.html",
        page(
            request,
            training,
            "participants",
            outcomes=outcomes,
            groups=[(ActorGroup(g).label, g, items) for g, items in groups],
            taken=taken,
            village=village,
            villages=villages,
            guest_form=guest_form,
            person_form=person_form,
        ),
    )


def _participants_post(request, training, action, village, guest_form, person_form):
    here = request.get_full_path()
    try:
        if action == "pick":
            picks = []
            people = {p.pk: p for p in people_choices(village)} if village else {}
            for value in request.POST.getlist("pick"):
                group, _sep, person_id = value.partition(":")
                person = people.get(parse_id(person_id) or 0)
                if person is not None and group in ActorGroup.values:
                    picks.append((person, group, request.POST.get(f"position-{value}", "")))
            added = participants_add_people(actor=request.user, training=training, picks=picks)
            messages.success(request, _("%(n)s peserta ditambahkan.") % {"n": len(added)})
            return redirect(here)
        if action == "person" and person_form.is_valid():
            data = person_form.cleaned_data
            participant_add(
                actor=request.user,
                training=training,
                person=data["person"],
                group=data["group"],
                position=data["position"],
            )
            messages.success(request, _("%(name)s ditambahkan.") % {"name": data["person"].name})
            return redirect(here)
        if action == "guest" and guest_form.is_valid():
            data = guest_form.cleaned_data
            village_code = data.get("village")
            participant_add(
                actor=request.user,
                training=training,
                name=data["name"],
                sex=data["sex"],
                group=data["group"],
                position=data["position"],
                is_poor=data["is_poor"],
                village=get_object_or_404(Region, code=village_code) if village_code else None,
            )
            messages.success(request, _("%(name)s ditambahkan.") % {"name": data["name"]})
            return redirect(here)
        if action == "remove":
            participant = get_object_or_404(
                Participant, pk=request.POST.get("participant") or 0, training=training
            )
            participant_remove(actor=request.user, participant=participant)
            messages.success(
                request, _("%(name)s dihapus dari peserta.") % {"name": participant.name}
            )
            return redirect(here)
    except ValidationError as exc:
        form = guest_form if action == "guest" else person_form if action == "person" else None
        if form is not None:
            apply_service_error(form, exc)
            return None
        report(request, exc)
        return redirect(here)
    return None
