"""Problems that share a title are told apart on plan and activity pages and in the plan
documents (RT and short id), and a legalised RTPLP's activity page names the problems it
answered as they were at legalisation (issue 11, items 9 and 1)."""

import pytest

from tridaya.mapping.models import Problem
from tridaya.planning.documents import plans as plan_documents
from tridaya.planning.problem_names import problem_names
from tridaya.planning.selectors import plans as selectors
from tridaya.planning.tests import factories as f

pytestmark = pytest.mark.django_db


def version_url(version, tail=""):
    return (
        f"/wilayah/{version.plan.village_id}/perencanaan/rencana/{version.plan_id}/"
        f"v{version.number}/{tail}"
    )


def activity_url(version, activity):
    return version_url(version, f"kegiatan/{activity.pk}/")


def twins(village):
    """Two problems titled alike in two RTs, and one with a title of its own."""
    rts = f.grid_rts(village, 2)
    first = f.plan_problem(village, "Drainase tersumbat")
    second = f.plan_problem(village, "drainase tersumbat ")
    Problem.objects.filter(pk=first.pk).update(rt=rts[0])
    Problem.objects.filter(pk=second.pk).update(rt=rts[1])
    alone = f.plan_problem(village, "Sampah menumpuk")
    return first, second, alone, rts


def test_only_titles_shared_get_the_rt_and_short_id(bajur):
    first, second, alone, rts = twins(bajur)
    problems = list(Problem.objects.select_related("rt__rw").filter(village=bajur))
    names = problem_names(problems)
    assert names[first.pk] == f"Drainase tersumbat ({rts[0]}, #{first.pk})"
    assert names[second.pk] == f"drainase tersumbat  ({rts[1]}, #{second.pk})"
    assert names[alone.pk] == "Sampah menumpuk"


def test_the_plan_page_and_its_pdf_tell_same_title_problems_apart(client, bajur):
    first, second, alone, rts = twins(bajur)
    version = f.first_version(f.rplp(bajur))
    f.program(version, problems=[first, second, alone])
    html = client.get(version_url(version)).text
    assert f"Drainase tersumbat ({rts[0]}, #{first.pk})" in html
    assert f"({rts[1]}, #{second.pk})" in html
    assert "Sampah menumpuk (RT" not in html
    page = selectors.version_page(bajur.code, version.plan_id, version.number)
    document = plan_documents.plan_document(page, features={})
    text = repr(document)
    assert f"#{first.pk}" in text and f"#{second.pk}" in text


def rtplp_with_activity(village, problems):
    version = f.first_version(f.rtplp(village))
    activity = f.activity(version, problems=problems)
    f.rab_line(activity)
    from tridaya.planning.services import plans

    version = plans.version_set_safeguards(actor=None, version=version, answers=f.safe_answers())
    return version, activity


def test_the_activity_page_tells_same_title_problems_apart(client, bajur):
    first, second, _alone, rts = twins(bajur)
    version, activity = rtplp_with_activity(bajur, [first, second])
    html = client.get(activity_url(version, activity)).text
    assert f"Drainase tersumbat ({rts[0]}, #{first.pk})" in html
    assert f"({rts[1]}, #{second.pk})" in html


def test_a_legalised_activity_page_keeps_the_titles_of_its_legalisation(client, bajur):
    problem = f.plan_problem(bajur, "Genangan di gang Melati")
    version, activity = rtplp_with_activity(bajur, [problem])
    f.legalise(version)
    version.refresh_from_db()
    assert "Genangan di gang Melati" in client.get(activity_url(version, activity)).text

    Problem.objects.filter(pk=problem.pk).update(title="Judul yang diubah kemudian")

    html = client.get(activity_url(version, activity)).text
    assert "Genangan di gang Melati" in html
    assert "Judul yang diubah kemudian" not in html
    # The amendment (a new draft copying the activity) shows the problem as it is now.
    from tridaya.planning.services import versions

    draft = versions.version_amend(
        actor=None, version=version, reason="Lokasi kegiatan dipindah ke gang sebelah"
    )
    copied = draft.activities.get()
    assert "Judul yang diubah kemudian" in client.get(activity_url(draft, copied)).text
