"""Every evaluation URL with every role, in the statuses that decide who writes.

Operators write the self-assessment (while drafting) and follow-up; the agency's
evaluators (its reviewers) write the evaluation (once submitted), the LHE and their
review of follow-up; administrators may do both. Everyone else gets 404, also when
guessing ids under their own agency; nobody's refused write changes any row.
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from agencies.models import Membership
from evaluation import workflow
from evaluation.models import Evaluation, Evidence, FollowUp, Recommendation
from indicators.models import RenstraPeriod
from tests.conftest import make_user
from tests.reports.test_url_access import snapshot

from .helpers import PDF, criteria

YEAR = 2020
S = Evaluation.Status

ROUTES = {
    # name: URL from the objects
    "evaluation": lambda o: reverse("evaluation", args=[o["slug"], YEAR]),
    "evaluation_start": lambda o: reverse("evaluation_start", args=[o["slug"], YEAR + 1]),
    "evaluation_step": lambda o: reverse("evaluation_step", args=[o["slug"], YEAR, o["step"]]),
    "evaluation_accept_proposals": lambda o: reverse("evaluation_accept_proposals", args=[o["slug"], YEAR]),
    "evidence_upload": lambda o: reverse("evidence_upload", args=[o["slug"], YEAR]),
    "evidence_link": lambda o: reverse("evidence_link", args=[o["slug"], YEAR]),
    "evidence_download": lambda o: reverse("evidence_download", args=[o["slug"], YEAR, o["evidence"]]),
    "evidence_delete": lambda o: reverse("evidence_delete", args=[o["slug"], YEAR, o["evidence"]]),
    "lhe_edit": lambda o: reverse("lhe_edit", args=[o["slug"], YEAR]),
    "lhe_pdf": lambda o: reverse("lhe_pdf", args=[o["slug"], YEAR]),
    "recommendation_delete": lambda o: reverse("recommendation_delete", args=[o["slug"], YEAR, o["recommendation"]]),
    "follow_ups": lambda o: reverse("follow_ups", args=[o["slug"], YEAR]),
    "follow_up": lambda o: reverse("follow_up", args=[o["slug"], YEAR, o["follow_up"]]),
}
REGION_ROUTES = {"evaluation_dashboard", "evaluation_dashboard_xlsx"}
POST_ONLY = {
    "evaluation_start",
    "evaluation_step",
    "evaluation_accept_proposals",
    "evidence_upload",
    "evidence_link",
}
OUTSIDERS = ("operator_b", "reviewer_b", "unit_operator_a")


def build(agency, status):
    """An evaluation of YEAR in `status` with one evidence file and one recommendation,
    and last year's final evaluation with a responded follow-up item."""
    RenstraPeriod.objects.create(agency=agency, start_year=2019, end_year=2023, vision="Visi")
    previous = Evaluation.objects.create(agency=agency, year=YEAR - 1, criteria_set=workflow.current_criteria_set())
    component = previous.criteria_set.components.first()
    old = Recommendation.objects.create(evaluation=previous, component=component, text="Lama")
    item = FollowUp.objects.create(recommendation=old, status=FollowUp.Status.RESPONDED, response="Sudah")
    Evaluation.objects.filter(pk=previous.pk).update(status=S.FINAL, final_total=70, final_predicate="B")
    evaluation = workflow.start(agency, YEAR)
    evidence = Evidence(evaluation=evaluation, criterion=criteria(evaluation)[0], kind="file", label="a.pdf")
    evidence.file.save("a.pdf", ContentFile(PDF), save=False)
    evidence.save()
    recommendation = Recommendation.objects.create(evaluation=evaluation, component=component, text="Baru")
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status=status, team_lead_name="Ketua", sign_date=date(YEAR + 1, 5, 1)
    )
    return {
        "slug": agency.slug,
        "evidence": evidence.pk,
        "recommendation": recommendation.pk,
        "follow_up": item.pk,
        "criterion": criteria(evaluation)[0].pk,
        "step": "ajukan" if status == S.DRAFT else "nilai",
    }


@pytest.fixture
def users(agency_a, agency_b, operator_a, operator_b, admin):
    unit_operator = make_user("operator-a-bidang")
    Membership.objects.create(user=unit_operator, agency=agency_a, role=Membership.Role.OPERATOR, unit_code="1.2")
    return {
        "operator_a": operator_a,
        "operator_b": operator_b,
        "reviewer_a": make_user("reviewer-a", agency_a, Membership.Role.REVIEWER),
        "reviewer_b": make_user("reviewer-b", agency_b, Membership.Role.REVIEWER),
        "admin": admin,
        "unit_operator_a": unit_operator,
    }


def test_every_evaluation_url_is_in_this_matrix():
    from tests.reports.test_url_access import app_url_names

    names = {n for n in app_url_names() if n in ROUTES or n in REGION_ROUTES}
    expected = set(ROUTES) | REGION_ROUTES
    assert names == expected
    assert not (set(ROUTES) | REGION_ROUTES) - app_url_names()


# GET: readers of the agency see; only the pages that are forms of one role refuse the others.
GET_EXPECTED = {
    # name: {role: status}; roles not named get 200
    "evidence_delete": {"operator_a": 200, "reviewer_a": 403, "admin": 200},
    "recommendation_delete": {"operator_a": 403, "reviewer_a": 403, "admin": 403},  # draft: nobody yet
}


@pytest.mark.parametrize("role", ["anonymous", "operator_a", "reviewer_a", "admin", *OUTSIDERS])
@pytest.mark.parametrize("name", sorted(set(ROUTES) - POST_ONLY))
def test_get_with_every_role_while_the_agency_drafts(client, users, agency_a, agency_b, role, name):
    objects = build(agency_a, S.DRAFT)
    build(agency_b, S.DRAFT)
    if role != "anonymous":
        client.force_login(users[role])
    response = client.get(ROUTES[name](objects))
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        return
    expected = 404 if role in OUTSIDERS else GET_EXPECTED.get(name, {}).get(role, 200)
    assert response.status_code == expected, (role, name)


# POST in each status: who succeeds (a redirect after the write); the rest are refused
# with 403 (insiders) or 404 (outsiders), and no row changes.
WRITERS = {
    S.DRAFT: {
        "evaluation": {"operator_a", "admin"},
        "evaluation_start": {"operator_a", "reviewer_a", "admin"},
        "evaluation_step": {"operator_a", "admin"},  # ajukan
        "evaluation_accept_proposals": set(),
        "evidence_upload": {"operator_a", "admin"},
        "evidence_link": {"operator_a", "admin"},
        "evidence_delete": {"operator_a", "admin"},
        "lhe_edit": set(),
        "recommendation_delete": set(),
        "follow_up": {"reviewer_a", "admin"},  # the responded item awaits the evaluator's review
    },
    S.SUBMITTED: {
        "evaluation": {"reviewer_a", "admin"},
        "evaluation_start": {"operator_a", "reviewer_a", "admin"},
        "evaluation_step": {"reviewer_a", "admin"},  # nilai
        "evaluation_accept_proposals": {"reviewer_a", "admin"},
        "evidence_upload": {"reviewer_a", "admin"},
        "evidence_link": {"reviewer_a", "admin"},
        "evidence_delete": {"reviewer_a", "admin"},
        "lhe_edit": {"reviewer_a", "admin"},
        "recommendation_delete": {"reviewer_a", "admin"},
        "follow_up": {"reviewer_a", "admin"},
    },
    S.FINAL: {
        "evaluation": set(),
        "evaluation_start": {"operator_a", "reviewer_a", "admin"},
        "evaluation_step": set(),
        "evaluation_accept_proposals": set(),
        "evidence_upload": set(),
        "evidence_link": set(),
        "evidence_delete": set(),
        "lhe_edit": set(),
        "recommendation_delete": set(),
        "follow_up": {"reviewer_a", "admin"},
    },
}
# A step of the right role in the wrong status answers with the page and its message.
REFUSED_WITH_MESSAGE = {(S.FINAL, "evaluation_step"): {"reviewer_a", "admin"}}
READ_ONLY = {"evidence_download", "lhe_pdf", "follow_ups"}


def payload(name, objects):
    if name in ("evidence_upload",):
        return {"criterion": objects["criterion"], "file": ContentFile(PDF, name="b.pdf")}
    if name == "evidence_link":
        return {"criterion": objects["criterion"], "document": "renstra"}
    if name == "lhe_edit":
        return {"part": "identity", "team_lead_name": "Baru"}
    if name == "follow_up":
        return {"part": "review", "v-status": "done"}
    return {}


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.FINAL])
@pytest.mark.parametrize("role", ["operator_a", "reviewer_a", "admin", *OUTSIDERS])
@pytest.mark.parametrize("name", sorted(set(ROUTES) - READ_ONLY))
def test_post_with_every_role_in_every_status(client, users, agency_a, agency_b, status, role, name):
    objects = build(agency_a, status)
    build(agency_b, status)
    client.force_login(users[role])
    before = snapshot()
    response = client.post(ROUTES[name](objects), payload(name, objects))
    if role in OUTSIDERS:
        assert response.status_code == 404, (role, name)
        assert snapshot() == before
        return
    if role in WRITERS[status][name]:
        assert response.status_code == 302, (role, name, status)
        return
    if role in REFUSED_WITH_MESSAGE.get((status, name), ()):
        assert response.status_code == 302 and snapshot() == before, (role, name, status)
        return
    assert response.status_code == 403, (role, name, status)
    assert snapshot() == before, (role, name, status)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_an_operator_of_b_guessing_as_ids_under_b_gets_404(client, users, agency_a, agency_b, name):
    objects_a = build(agency_a, S.SUBMITTED)
    objects_b = build(agency_b, S.SUBMITTED)
    guessed = {**objects_a, "slug": objects_b["slug"]}
    if ROUTES[name](guessed) == ROUTES[name](objects_b):
        return  # names no object of its own
    client.force_login(users["operator_b"])
    before = snapshot()
    if name not in POST_ONLY:
        assert client.get(ROUTES[name](guessed)).status_code == 404, name
    if name not in READ_ONLY:
        assert client.post(ROUTES[name](guessed), payload(name, guessed)).status_code == 404, name
    assert snapshot() == before


@pytest.mark.parametrize(
    ("role", "expected"),
    [("operator_a", 404), ("reviewer_a", 200), ("reviewer_b", 200), ("admin", 200), ("unit_operator_a", 404)],
)
def test_the_dashboard_is_for_evaluators(client, users, agency_a, agency_b, role, expected):
    build(agency_a, S.SUBMITTED)
    client.force_login(users[role])
    for name in sorted(REGION_ROUTES):
        assert client.get(reverse(name, args=[YEAR])).status_code == expected, name
    client.logout()
    assert client.get(reverse("evaluation_dashboard", args=[YEAR])).status_code == 302
