"""The targets and realizations grid: one save, one transaction, clear errors."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.models import Goal, Indicator, Realization, RenstraPeriod, Target

YEAR = 2021


@pytest.fixture
def plan(agency_a):
    period = RenstraPeriod.objects.create(agency=agency_a, start_year=2019, end_year=2023)
    goal = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran")
    number = Indicator.objects.create(period=period, goal=goal, code="I1", name="Koperasi aktif", unit="%", order=1)
    ratio = Indicator.objects.create(
        period=period,
        goal=goal,
        code="I2",
        name="RAT",
        unit="%",
        calculation="ratio",
        numerator_label="RAT",
        denominator_label="Aktif",
        order=2,
    )
    grade = Indicator.objects.create(
        period=period, goal=goal, code="I3", name="Nilai AKIP", value_kind="grade", order=3
    )
    Target.objects.create(indicator=number, year=YEAR, agreement=D(54))
    return {"number": number, "ratio": ratio, "grade": grade}


def row(indicator, **values):
    prefix = f"i{indicator.pk}"
    data = {f"{prefix}-indicator_id": str(indicator.pk)}
    for name in (
        "target",
        "target_revised",
        "tw1",
        "tw2",
        "tw3",
        "tw4",
        "realization",
        "numerator",
        "denominator",
        "note",
    ):
        data[f"{prefix}-{name}"] = values.get(name, "")
    return data


def grid_post(client, agency, *rows):
    data = {}
    for r in rows:
        data.update(r)
    return client.post(reverse("grid", args=[agency.slug, YEAR]), data)


def valid_rows(plan, **overrides):
    rows = {
        "number": {"target": "54", "realization": "44,39"},
        "ratio": {"target": "80,94", "numerator": "376", "denominator": "468"},
        "grade": {"target": "BB", "realization": "B"},
    }
    for key, values in overrides.items():
        rows[key] = {**rows[key], **values}
    return [row(plan[key], **values) for key, values in rows.items()]


def test_saving_the_grid_stores_targets_and_realizations(client, operator_a, agency_a, plan):
    client.force_login(operator_a)
    rows = valid_rows(plan, number={"tw1": "10", "tw4": "44,39", "note": "Data Dinas"})
    response = grid_post(client, agency_a, *rows)
    assert response.status_code == 302
    assert Realization.objects.get(indicator=plan["number"], year=YEAR, quarter=None).value == D("44.39")
    assert Realization.objects.get(indicator=plan["number"], year=YEAR, quarter=4).value == D("44.39")
    ratio = Realization.objects.get(indicator=plan["ratio"], year=YEAR, quarter=None)
    assert (ratio.numerator, ratio.denominator, ratio.value) == (D(376), D(468), None)
    assert Target.objects.get(indicator=plan["grade"], year=YEAR).agreement_grade == "BB"
    page = client.get(reverse("grid", args=[agency_a.slug, YEAR])).content.decode()
    assert "82,20 %" in page  # 44,39 / 54
    assert "99,26 %" in page  # 376 / 468 = 80,34 against 80,94
    assert "80,00 %" in page  # B against BB


def test_clearing_a_cell_removes_the_value_instead_of_storing_zero(client, operator_a, agency_a, plan):
    client.force_login(operator_a)
    grid_post(client, agency_a, *valid_rows(plan, number={"tw1": "10"}))
    grid_post(client, agency_a, *valid_rows(plan, number={"tw1": ""}))
    assert not Realization.objects.filter(indicator=plan["number"], quarter=1).exists()


def test_range_target_is_stored_as_bounds(client, operator_a, agency_a, plan):
    client.force_login(operator_a)
    grid_post(client, agency_a, *valid_rows(plan, number={"target": "80 - 90", "realization": "85"}))
    target = Target.objects.get(indicator=plan["number"], year=YEAR)
    assert (target.agreement, target.agreement_upper) == (D(80), D(90))


@pytest.mark.parametrize(
    ("key", "values", "field", "message"),
    [
        ("number", {"realization": "empat puluh"}, "realization", "Masukkan angka"),
        ("number", {"tw2": "1O"}, "tw2", "Masukkan angka"),
        ("number", {"realization": "100000000000000000000"}, "realization", "terlalu"),
        ("number", {"target": "abc"}, "target", "Isi angka"),
        ("number", {"target": "90 - 80"}, "target", "Batas bawah"),
        ("grade", {"realization": "Z"}, "realization", "tidak ada pada skala"),
        ("grade", {"tw1": "5"}, "tw1", "predikat"),
        ("ratio", {"denominator": "0"}, "denominator", "tidak boleh 0"),
    ],
)
def test_bad_input_is_marked_and_nothing_is_saved_and_typed_values_stay(
    client, operator_a, agency_a, plan, key, values, field, message
):
    client.force_login(operator_a)
    before = list(Realization.objects.values_list())
    rows = valid_rows(plan, **{key: values})
    response = grid_post(client, agency_a, *rows)
    assert response.status_code == 200
    form = next(r["form"] for r in response.context["rows"] if r["indicator"] == plan[key])
    assert message in " ".join(form.errors[field])
    assert list(Realization.objects.values_list()) == before
    html = response.content.decode()
    # Every value typed, the bad one included, in every row, is still on the page.
    if key == "grade" and field.startswith("tw"):  # no quarter cells for a grade indicator
        assert message in html
    else:
        assert f'value="{values[field]}"' in html
    assert 'value="376"' in html and 'value="80,94"' in html
    assert "tidak ada yang disimpan" in html


def test_tampered_hidden_id_of_another_agency_is_refused(client, operator_a, agency_a, agency_b, plan):
    other_period = RenstraPeriod.objects.create(agency=agency_b, start_year=2019, end_year=2023)
    other_goal = Goal.objects.create(period=other_period, kind="sasaran", code="S1", statement="B")
    other = Indicator.objects.create(period=other_period, goal=other_goal, code="X", name="Milik B")
    client.force_login(operator_a)
    rows = valid_rows(plan)
    rows[0][f"i{plan['number'].pk}-indicator_id"] = str(other.pk)
    response = grid_post(client, agency_a, *rows)
    assert response.status_code == 200
    assert "Indikator tidak dikenal" in response.content.decode()
    assert not Realization.objects.exists()
    assert not Target.objects.filter(indicator=other).exists()


def test_preview_computes_capaian_with_the_engine_and_saves_nothing(client, operator_a, agency_a, plan):
    client.force_login(operator_a)
    data = {"prefix": f"i{plan['number'].pk}", **row(plan["number"], target="54", realization="44,39")}
    response = client.post(reverse("grid_preview", args=[agency_a.slug, YEAR]), data)
    assert response.json() == {
        "ok": True,
        "realization": "44,39",
        "capaian": "82,20 %",
        "predicate": "Tinggi",
        "colour": "primary",
        "target": "54",
        "target_source": "PK",
        "status": "not_met",
        "status_label": "Tidak tercapai",
        "flags": [],
    }
    assert not Realization.objects.exists()


def test_preview_reports_errors_per_field(client, operator_a, agency_a, plan):
    client.force_login(operator_a)
    data = {"prefix": f"i{plan['number'].pk}", **row(plan["number"], realization="x")}
    body = client.post(reverse("grid_preview", args=[agency_a.slug, YEAR]), data).json()
    assert body["ok"] is False
    assert "Masukkan angka" in body["errors"]["realization"]


def test_reviewer_sees_the_grid_read_only(client, agency_a, plan):
    from agencies.models import Membership

    from ..conftest import make_user

    reviewer = make_user("rev", agency_a, Membership.Role.REVIEWER)
    client.force_login(reviewer)
    html = client.get(reverse("grid", args=[agency_a.slug, YEAR])).content.decode()
    assert "readonly" in html
    assert "Simpan semua" not in html


def test_the_grid_shows_the_target_in_force_and_where_it_comes_from(client, operator_a, agency_a, plan):
    """An empty PK falls back to the Renstra target: the grid says so (before, capaian
    was computed against a target no column showed)."""
    indicator = plan["number"]
    Target.objects.filter(indicator=indicator, year=YEAR).update(agreement=None, renstra=D("71.41"))
    client.force_login(operator_a)
    html = client.get(reverse("grid", args=[agency_a.slug, YEAR])).content.decode()
    row = html.split(f'data-row="i{indicator.pk}"')[1].split("</tr>")[0]
    assert '<span data-out="target">71,41</span>' in row and ">Renstra</div>" in row
    Target.objects.filter(indicator=indicator, year=YEAR).update(agreement=D(60), agreement_revised=D(65))
    html = client.get(reverse("grid", args=[agency_a.slug, YEAR])).content.decode()
    row = html.split(f'data-row="i{indicator.pk}"')[1].split("</tr>")[0]
    assert '<span data-out="target">65</span>' in row and ">PK Perubahan</div>" in row
