"""Every URL of the app, walked with every role.

Operators see and change only their agency; reviewers read their assigned agencies and
change nothing; outsiders get 404 (not even the agency's existence leaks), also when
they guess the ids of another agency's objects under their own agency's URL.
"""

from decimal import Decimal as D

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from agencies.models import Membership
from budget.models import BudgetAllocation, BudgetItem, BudgetItemGoal, FundingSource
from cascade.models import (
    Agreement,
    AgreementTarget,
    GoalSupport,
    IndicatorQuarterPlan,
    RegionGoal,
    RegionPlan,
    UnitBudgetLink,
    UnitGoal,
    UnitIndicator,
    UnitQuarter,
)
from core import registry
from datatables.models import DataTable
from evaluation.criteria import current_criteria_set
from evaluation.models import (
    Answer,
    ComponentFinding,
    Criterion,
    Evaluation,
    EvaluationArchive,
    Evidence,
    FollowUp,
    Recommendation,
)
from indicators.models import Goal, Indicator, IndicatorAnalysis, Mission, Realization, RenstraPeriod, Target
from organisation.models import Asset, Duty, OrgUnit, StaffCount, StaffTotal
from reports.models import PdfBuild, Picture, Report, ReviewNote, Section
from workbook.models import WorkbookImport

from ..conftest import make_user

YEAR = 2020
# READ pages only show; READ_WRITE pages show on GET and save on POST; WRITE pages are
# forms and actions that only an agency's operators (and admins) may open at all.
READ, READ_WRITE, WRITE, WRITE_POST = "read", "read_write", "write", "write_post"

# name -> (kind, how the URL is built from an agency's objects, query string)
ROUTES = {
    "agency_home": (READ, lambda o: reverse("agency_home", args=[o["slug"]])),
    # Read by all who see the agency; changed only with the "change agency" permission
    # (operators have none by default: tests/reports/test_profile.py).
    "agency_profile": (READ_WRITE, lambda o: reverse("agency_profile", args=[o["slug"]])),
    "agency_year_switch": (READ, lambda o: reverse("agency_year_switch", args=[o["slug"]]) + "?tahun=2020"),
    "workspace": (READ, lambda o: reverse("workspace", args=[o["slug"], YEAR])),
    "renstra_list": (READ, lambda o: reverse("renstra_list", args=[o["slug"]])),
    "plan": (READ, lambda o: reverse("plan", args=[o["slug"], o["period"]])),
    "indicator_targets": (READ_WRITE, lambda o: reverse("indicator_targets", args=[o["slug"], o["indicator"]])),
    "grid": (READ_WRITE, lambda o: reverse("grid", args=[o["slug"], YEAR])),
    "budget": (READ, lambda o: reverse("budget", args=[o["slug"], YEAR])),
    "report_html": (READ, lambda o: reverse("report_html", args=[o["slug"], YEAR])),
    "report_pdf": (READ, lambda o: reverse("report_pdf", args=[o["slug"], YEAR])),
    "report_json": (READ, lambda o: reverse("report_json", args=[o["slug"], YEAR])),
    "workbook": (READ_WRITE, lambda o: reverse("workbook", args=[o["slug"], YEAR])),
    "workbook_export": (READ, lambda o: reverse("workbook_export", args=[o["slug"], YEAR])),
    "workbook_errors": (READ, lambda o: reverse("workbook_errors", args=[o["slug"], YEAR, o["import"]])),
    "agreement_pdf": (READ, lambda o: reverse("agreement_pdf", args=[o["slug"], YEAR])),
    "workbook_progress": (READ, lambda o: reverse("workbook_progress", args=[o["slug"], YEAR, o["import"]])),
    "workbook_status": (READ, lambda o: reverse("workbook_status", args=[o["slug"], YEAR, o["import"]])),
    "workbook_preview": (WRITE, lambda o: reverse("workbook_preview", args=[o["slug"], YEAR, o["import"]])),
    "review": (READ_WRITE, lambda o: reverse("review", args=[o["slug"], YEAR])),
    "transition": (WRITE_POST, lambda o: reverse("transition", args=[o["slug"], YEAR, "ajukan"])),
    "resolve_note": (WRITE_POST, lambda o: reverse("resolve_note", args=[o["slug"], YEAR, o["note"]])),
    "agency_history": (READ, lambda o: reverse("agency_history", args=[o["slug"], YEAR])),
    "indicator_history": (READ, lambda o: reverse("indicator_history", args=[o["slug"], o["indicator"]])),
    "pdf_build_start": (WRITE_POST, lambda o: reverse("pdf_build_start", args=[o["slug"], YEAR])),
    "pdf_build": (READ, lambda o: reverse("pdf_build", args=[o["slug"], YEAR, o["build"]])),
    "pdf_build_status": (READ, lambda o: reverse("pdf_build_status", args=[o["slug"], YEAR, o["build"]])),
    "pdf_build_download": (READ, lambda o: reverse("pdf_build_download", args=[o["slug"], YEAR, o["build"]])),
    "narrative": (READ_WRITE, lambda o: reverse("narrative", args=[o["slug"], YEAR])),
    "organisation": (READ, lambda o: reverse("organisation", args=[o["slug"], YEAR])),
    "organisation_duty": (WRITE, lambda o: reverse("organisation_duty", args=[o["slug"], YEAR])),
    "organisation_part": (WRITE, lambda o: reverse("organisation_part", args=[o["slug"], YEAR, "unit"])),
    "renstra_create": (WRITE, lambda o: reverse("renstra_create", args=[o["slug"]])),
    "renstra_edit": (WRITE, lambda o: reverse("renstra_edit", args=[o["slug"], o["period"]])),
    "renstra_delete": (WRITE, lambda o: reverse("renstra_delete", args=[o["slug"], o["period"]])),
    "goal_create": (WRITE, lambda o: reverse("goal_create", args=[o["slug"], o["period"]])),
    "goal_edit": (WRITE, lambda o: reverse("goal_edit", args=[o["slug"], o["goal"]])),
    "goal_delete": (WRITE, lambda o: reverse("goal_delete", args=[o["slug"], o["goal"]])),
    "indicator_create": (WRITE, lambda o: reverse("indicator_create", args=[o["slug"], o["period"]])),
    "indicator_edit": (WRITE, lambda o: reverse("indicator_edit", args=[o["slug"], o["indicator"]])),
    "indicator_delete": (WRITE, lambda o: reverse("indicator_delete", args=[o["slug"], o["indicator"]])),
    "picture": (READ, lambda o: reverse("picture", args=[o["slug"], YEAR, o["picture"]])),
    "picture_delete": (WRITE, lambda o: reverse("picture_delete", args=[o["slug"], YEAR, o["picture"]])),
    "picture_upload": (WRITE_POST, lambda o: reverse("picture_upload", args=[o["slug"], YEAR])),
    "narrative_preview": (WRITE, lambda o: reverse("narrative_preview", args=[o["slug"], YEAR])),
    "indicator_analysis": (
        WRITE,
        lambda o: reverse("indicator_analysis", args=[o["slug"], YEAR, o["indicator"]]),
    ),
    "grid_preview": (WRITE, lambda o: reverse("grid_preview", args=[o["slug"], YEAR])),
    "budget_item_create": (WRITE, lambda o: reverse("budget_item_create", args=[o["slug"], YEAR])),
    "budget_item_edit": (WRITE, lambda o: reverse("budget_item_edit", args=[o["slug"], YEAR, o["item"]])),
    "budget_item_delete": (WRITE, lambda o: reverse("budget_item_delete", args=[o["slug"], YEAR, o["item"]])),
    "narrative_edit": (WRITE, lambda o: reverse("narrative_edit", args=[o["slug"], YEAR, "kata_pengantar"])),
    "narrative_goal_edit": (WRITE, lambda o: reverse("narrative_goal_edit", args=[o["slug"], YEAR, o["goal"]])),
    "data_table_new": (WRITE, lambda o: reverse("data_table_new", args=[o["slug"], YEAR])),
    "data_table_edit": (WRITE, lambda o: reverse("data_table_edit", args=[o["slug"], YEAR, o["data_table"]])),
    "data_table_delete": (WRITE, lambda o: reverse("data_table_delete", args=[o["slug"], YEAR, o["data_table"]])),
    # The cascade. Unit pages are also open to a membership scoped to the unit (or one
    # above it): tests/cascade/test_unit_scope.py; here the scoped user holds another unit.
    "cascade_tree": (READ, lambda o: reverse("cascade_tree", args=[o["slug"], YEAR])),
    "cascade_monitoring": (READ, lambda o: reverse("cascade_monitoring", args=[o["slug"], YEAR])),
    "unit_page": (READ, lambda o: reverse("unit_page", args=[o["slug"], YEAR, o["unit"]])),
    "unit_agreement": (READ_WRITE, lambda o: reverse("unit_agreement", args=[o["slug"], YEAR, o["unit"]])),
    "unit_agreement_pdf": (READ, lambda o: reverse("unit_agreement_pdf", args=[o["slug"], YEAR, o["agreement"]])),
    "unit_goal_new": (WRITE, lambda o: reverse("unit_goal_new", args=[o["slug"], YEAR, o["unit"]])),
    "unit_goal_edit": (WRITE, lambda o: reverse("unit_goal_edit", args=[o["slug"], YEAR, o["unit_goal"]])),
    "unit_goal_delete": (WRITE, lambda o: reverse("unit_goal_delete", args=[o["slug"], YEAR, o["unit_goal"]])),
    "unit_indicator_new": (WRITE, lambda o: reverse("unit_indicator_new", args=[o["slug"], YEAR, o["unit_goal"]])),
    "unit_indicator_edit": (
        WRITE,
        lambda o: reverse("unit_indicator_edit", args=[o["slug"], YEAR, o["unit_indicator"]]),
    ),
    "unit_indicator_delete": (
        WRITE,
        lambda o: reverse("unit_indicator_delete", args=[o["slug"], YEAR, o["unit_indicator"]]),
    ),
    "action_plan": (READ_WRITE, lambda o: reverse("action_plan", args=[o["slug"], YEAR, o["unit_indicator"]])),
    "head_action_plan": (READ_WRITE, lambda o: reverse("head_action_plan", args=[o["slug"], YEAR, o["indicator"]])),
    "goal_support": (READ_WRITE, lambda o: reverse("goal_support", args=[o["slug"], o["goal"]])),
}
# Pages that answer a redirect rather than a page to those who may see them.
# (A draft PDF not built yet answers with its build's progress page: test_report_cache.)
REDIRECTS = {"agency_home", "agency_year_switch", "report_pdf"}
# Views that only take POST.
POST_ONLY = {"grid_preview", "narrative_preview", "transition", "resolve_note", "pdf_build_start", "picture_upload"}
# URLs outside the agency pages, tested on their own below and in test_home.
GLOBAL = {
    "home",
    "login",
    "logout",
    "workbook_template",
    "dashboard",
    "dashboard_current",
    "dashboard_xlsx",
    "notifications",
    "notification_open",
    "health",
    "alive",
    # The region's RPJMD pages: for the region's Bappeda (tests/cascade/test_region.py).
    "region_plan",
    "region_values",
    "region_plan_new",
    "region_plan_edit",
    "region_goal_new",
    "region_goal_edit",
    "region_indicator_new",
    "region_indicator_edit",
    "region_delete",
    # The SAKIP evaluation: its own matrix, since evaluators write there
    # (tests/evaluation/test_url_access.py).
    "evaluation_dashboard",
    "evaluation_dashboard_xlsx",
    "evaluation",
    "evaluation_start",
    "evaluation_step",
    "evaluation_accept_proposals",
    "evidence_upload",
    "evidence_link",
    "evidence_download",
    "evidence_delete",
    "lhe_edit",
    "lhe_pdf",
    "recommendation_delete",
    "follow_ups",
    "follow_up",
    # Account pages: about the user, not any agency (tests/core/test_accounts.py).
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


def app_url_names():
    names = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name != "admin":
                    walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_of_the_app_is_in_this_matrix():
    assert app_url_names() == set(ROUTES) | GLOBAL


def build_agency(agency):
    period = RenstraPeriod.objects.create(agency=agency, start_year=2019, end_year=2023, vision="Visi")
    Mission.objects.create(period=period, order=1, text="Misi")
    goal = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran")
    indicator = Indicator.objects.create(period=period, goal=goal, code="I1", name="Indikator", unit="%")
    Target.objects.create(indicator=indicator, year=YEAR, agreement=D(50))
    Realization.objects.create(indicator=indicator, year=YEAR, value=D(40))
    IndicatorAnalysis.objects.create(indicator=indicator, year=YEAR, causes="Penyebab")
    item = BudgetItem.objects.create(agency=agency, year=YEAR, level="program", code="01", name="Program")
    BudgetAllocation.objects.create(item=item, source=FundingSource.objects.get(code="APBD"), pagu=D(100))
    BudgetItemGoal.objects.create(item=item, goal=goal)
    report = Report.objects.create(agency=agency, year=YEAR)
    Section.objects.create(report=report, key="kata_pengantar", body="Kata pengantar")
    Duty.objects.create(agency=agency, year=YEAR, duty="Tugas pokok")
    head = OrgUnit.objects.create(agency=agency, year=YEAR, code="1", name="Kepala Dinas")
    unit = OrgUnit.objects.create(agency=agency, year=YEAR, code="1.1", parent=head, name="Sekretariat")
    OrgUnit.objects.create(agency=agency, year=YEAR, code="1.2", parent=head, name="Bidang")
    unit_goal = UnitGoal.objects.create(
        agency=agency, year=YEAR, unit=unit, agency_goal=goal, code="SP1", statement="Sasaran program"
    )
    unit_indicator = UnitIndicator.objects.create(goal=unit_goal, code="SP1.1", name="Indikator unit", target=D(4))
    UnitQuarter.objects.create(indicator=unit_indicator, quarter=1, target=D(1), realization=D(1), actions="Aksi")
    UnitBudgetLink.objects.create(goal=unit_goal, item=item)
    agreement = Agreement.objects.create(
        agency=agency, year=YEAR, unit=unit, official_title="Sekretaris", superior_title="Kepala Dinas"
    )
    AgreementTarget.objects.create(agreement=agreement, indicator=unit_indicator, target=D(4))
    IndicatorQuarterPlan.objects.create(indicator=indicator, year=YEAR, quarter=1, target=D(10), actions="Aksi")
    plan, _ = RegionPlan.objects.get_or_create(region=agency.region, start_year=2019, end_year=2023)
    region_goal, _ = RegionGoal.objects.get_or_create(plan=plan, code="SD1", kind="sasaran", statement="Daerah")
    GoalSupport.objects.create(goal=goal, region_goal=region_goal)
    StaffCount.objects.create(agency=agency, year=YEAR, category="pangkat", label="III/a", count=3)
    StaffTotal.objects.create(agency=agency, year=YEAR, category="pangkat", printed_total=3)
    Asset.objects.create(agency=agency, year=YEAR, name="Laptop", count=2)
    picture = Picture.objects.create(
        agency=agency, year=YEAR, caption="Foto", content_type="image/png", data=b"\x89PNG", width=1, height=1
    )
    data_table = DataTable.objects.create(
        agency=agency, year=YEAR, code="T1", section="penutup", title="Tabel", columns=["A"], rows=[["1"]]
    )
    attempt = WorkbookImport.objects.create(
        agency=agency, year=YEAR, filename="x.xlsx", annotated=b"PK", pending=b"PK", data_version=0, state="preview"
    )
    note = ReviewNote.objects.create(report=report, text="Periksa target")
    build = PdfBuild.objects.create(agency=agency, year=YEAR, status="done", pdf=b"%PDF-1.7")
    evaluation = Evaluation.objects.create(agency=agency, year=YEAR, criteria_set=current_criteria_set())
    component = evaluation.criteria_set.components.first()
    criterion = Criterion.objects.filter(subcomponent__component=component).first()
    Answer.objects.create(evaluation=evaluation, criterion=criterion, self_answer="Y")
    ComponentFinding.objects.create(evaluation=evaluation, component=component, text="Temuan")
    recommendation = Recommendation.objects.create(evaluation=evaluation, component=component, text="Saran")
    follow_up = FollowUp.objects.create(recommendation=recommendation)
    Evidence.objects.create(evaluation=evaluation, criterion=criterion, kind="link", label="Renstra", link="/x/")
    Evidence.objects.create(evaluation=evaluation, follow_up=follow_up, kind="link", label="Bukti", link="/y/")
    EvaluationArchive.objects.create(evaluation=evaluation, pdf=b"%PDF-1.7", sha256="0" * 64)
    return {
        "build": build.pk,
        "import": attempt.pk,
        "note": note.pk,
        "slug": agency.slug,
        "period": period.pk,
        "goal": goal.pk,
        "indicator": indicator.pk,
        "item": item.pk,
        "picture": picture.pk,
        "data_table": data_table.pk,
        "unit": unit.pk,
        "unit_goal": unit_goal.pk,
        "unit_indicator": unit_indicator.pk,
        "agreement": agreement.pk,
    }


@pytest.fixture
def world(agency_a, agency_b, operator_a, operator_b, admin):
    reviewer = make_user("reviewer-a", agency_a, Membership.Role.REVIEWER)
    # An operator of agency A's unit 1.2: none of the objects below belong to that unit.
    unit_operator = make_user("operator-a-bidang")
    Membership.objects.create(user=unit_operator, agency=agency_a, role=Membership.Role.OPERATOR, unit_code="1.2")
    return {
        "a": build_agency(agency_a),
        "b": build_agency(agency_b),
        "users": {
            "operator_a": operator_a,
            "operator_b": operator_b,
            "reviewer_a": reviewer,
            "admin": admin,
            "unit_operator_a": unit_operator,
        },
    }


def snapshot():
    """Every stored row of agency-year data (as the apps declare it), to prove a refused
    write changed nothing."""
    return {
        entry.model.__name__: sorted(_row(row) for row in entry.model.objects.values_list())
        for entry in registry.agency_year_entries()
    }


def _row(values) -> str:
    # PostgreSQL hands binary columns back as memoryview, whose repr is an address.
    return repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in values))


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])


EXPECTED_GET = {
    # role: (read page, write page)
    "anonymous": (302, 302),
    "operator_a": (200, 200),
    "operator_b": (404, 404),
    "reviewer_a": (200, 403),
    "admin": (200, 200),
    "unit_operator_a": (404, 404),  # scoped to another unit: the agency's pages do not exist for them
}


@pytest.mark.parametrize("role", list(EXPECTED_GET))
@pytest.mark.parametrize("name", sorted(set(ROUTES) - POST_ONLY))
def test_get_every_url_with_every_role(client, world, role, name):
    kind, build = ROUTES[name]
    login(client, world, role)
    response = client.get(build(world["a"]))
    expected = EXPECTED_GET[role][0 if kind in (READ, READ_WRITE) else 1]
    if expected == 200 and name in REDIRECTS:
        expected = 302
    assert response.status_code == expected, (role, name)
    if role == "anonymous":
        assert response.url.startswith(reverse("login"))


EXPECTED_POST_REFUSED = {"anonymous": 302, "operator_b": 404, "reviewer_a": 403, "unit_operator_a": 404}


# Reviewers write review notes on the review page (not agency data): tested in test_review.
# Readers (reviewers) may also ask for a PDF to be built: tested in test_pdf_build.
REVIEWER_WRITES = {"review", "pdf_build_start"}


@pytest.mark.parametrize("role", list(EXPECTED_POST_REFUSED))
@pytest.mark.parametrize("name", sorted(set(ROUTES) - REVIEWER_WRITES))
def test_no_write_succeeds_for_anyone_but_the_agencys_operator(client, world, role, name):
    kind, build = ROUTES[name]
    login(client, world, role)
    before = snapshot()
    payload = {"body": "ditulis", "sign_place": "X", "vision": "Baru", "start_year": "2030", "end_year": "2034"}
    response = client.post(build(world["a"]), payload)
    # Read-only pages refuse POST outright (405) once the user is known.
    expected = 405 if kind == READ and role != "anonymous" else EXPECTED_POST_REFUSED[role]
    assert response.status_code == expected, (role, name)
    assert snapshot() == before, (role, name)


@pytest.mark.parametrize("name", sorted(n for n in ROUTES if n not in {"agency_year_switch"}))
def test_operator_of_b_cannot_reach_a_by_guessing_ids(client, world, name):
    """Agency B's slug with agency A's object ids: 404, never A's data."""
    _, build = ROUTES[name]
    guessed = {**world["a"], "slug": world["b"]["slug"]}
    own = build(world["b"])
    url = build(guessed)
    client.force_login(world["users"]["operator_b"])
    before = snapshot()
    if url == own:  # the URL names no object, only the agency
        return
    if name not in POST_ONLY:
        assert client.get(url).status_code == 404, name
    if ROUTES[name][0] != READ:
        assert client.post(url, {"body": "x"}).status_code == 404, name
    assert snapshot() == before


def test_reviewer_is_not_a_reviewer_of_other_agencies(client, world):
    client.force_login(world["users"]["reviewer_a"])
    assert client.get(ROUTES["workspace"][1](world["b"])).status_code == 404


def test_operator_write_really_happens_for_own_agency(client, world):
    """The matrix's refusals mean something: the same POST works for the operator."""
    client.force_login(world["users"]["operator_a"])
    response = client.post(ROUTES["narrative_edit"][1](world["a"]), {"body": "Teks baru"})
    assert response.status_code == 302
    assert Section.objects.get(report__agency__slug=world["a"]["slug"], key="kata_pengantar").body == "Teks baru"
    response = client.post(ROUTES["goal_delete"][1](world["a"]))
    assert response.status_code == 302
    assert not Goal.objects.filter(pk=world["a"]["goal"]).exists()
