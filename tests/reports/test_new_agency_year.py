"""An operator sets up an agency-year from nothing, in the browser's forms only."""

from decimal import Decimal as D

from django.urls import reverse

from budget.models import BudgetAllocation, BudgetItem, FundingSource
from indicators.models import Goal, Indicator, RenstraPeriod, Target
from reports.models import Section


def post_ok(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, getattr(response, "context", {}) and [
        (f.prefix if hasattr(f, "prefix") else "", getattr(f, "errors", None))
        for f in [response.context.get("form"), response.context.get("allocations")]
        if f is not None
    ]
    return response


def test_operator_builds_a_whole_year_and_the_workspace_is_right(client, operator_a, agency_a):
    client.force_login(operator_a)
    slug = agency_a.slug
    post_ok(
        client,
        reverse("renstra_create", args=[slug]),
        {
            "start_year": "2021",
            "end_year": "2026",
            "vision": "Koperasi yang sehat",
            "misi-TOTAL_FORMS": "1",
            "misi-INITIAL_FORMS": "0",
            "misi-0-order": "1",
            "misi-0-text": "Memberdayakan UMKM",
        },
    )
    period = RenstraPeriod.objects.get(agency=agency_a)
    assert period.missions.get().text == "Memberdayakan UMKM"

    post_ok(
        client,
        reverse("goal_create", args=[slug, period.pk]),
        {"kind": "tujuan", "code": "T1", "statement": "Meningkatnya koperasi aktif", "order": "1"},
    )
    tujuan = Goal.objects.get(code="T1")
    post_ok(
        client,
        reverse("goal_create", args=[slug, period.pk]),
        {"kind": "sasaran", "code": "S1", "parent": tujuan.pk, "statement": "Koperasi berkualitas", "order": "2"},
    )
    sasaran = Goal.objects.get(code="S1")

    indicator_form = {
        "goal": sasaran.pk,
        "code": "IK1",
        "name": "Persentase koperasi aktif",
        "unit": "%",
        "value_kind": "number",
        "polarity": "positive",
        "calculation": "ratio",
        "numerator_label": "Koperasi aktif",
        "denominator_label": "Seluruh koperasi",
        "quarter_rollup": "last",
        "order": "1",
        "end_target": "60",
    }
    post_ok(client, reverse("indicator_create", args=[slug, period.pk]), indicator_form)
    indicator = Indicator.objects.get(code="IK1")
    # Same code twice in one Renstra: refused with a message, nothing created.
    response = client.post(reverse("indicator_create", args=[slug, period.pk]), indicator_form)
    assert "sudah dipakai" in response.content.decode()

    targets = {}
    for year, value in zip(range(2021, 2027), ["50", "52", "54", "56", "58", "60"], strict=True):
        targets.update(
            {
                f"y{year}-year": str(year),
                f"y{year}-renstra": value,
                f"y{year}-agreement": "",
                f"y{year}-agreement_revised": "",
            }
        )
    targets["y2022-agreement"] = "52,5"
    post_ok(client, reverse("indicator_targets", args=[slug, indicator.pk]), targets)
    assert Target.objects.filter(indicator=indicator).count() == 6
    assert Target.objects.get(indicator=indicator, year=2022).agreement == D("52.5")

    prefix = f"i{indicator.pk}"
    post_ok(
        client,
        reverse("grid", args=[slug, 2022]),
        {
            f"{prefix}-indicator_id": indicator.pk,
            f"{prefix}-target": "52,5",
            f"{prefix}-target_revised": "",
            f"{prefix}-numerator": "468",
            f"{prefix}-denominator": "656",
            f"{prefix}-realization": "",
            **{f"{prefix}-tw{q}": "" for q in range(1, 5)},
            f"{prefix}-note": "",
        },
    )

    budget_url = reverse("budget_item_create", args=[slug, 2022])
    post_ok(
        client,
        budget_url,
        {
            "level": "program",
            "code": "P1",
            "name": "Program Kelembagaan Koperasi",
            "spending_type": "langsung",
            "supported_goals": [sasaran.pk],
            "order": "1",
            "dana-TOTAL_FORMS": "0",
            "dana-INITIAL_FORMS": "0",
        },
    )
    program = BudgetItem.objects.get(code="P1")
    assert list(program.goals.all()) == [sasaran]
    apbd, dak = FundingSource.objects.get(code="APBD"), FundingSource.objects.get(code="DAK")
    post_ok(
        client,
        budget_url + f"?induk={program.pk}",
        {
            "level": "kegiatan",
            "code": "P1.1",
            "parent": program.pk,
            "name": "Pembinaan koperasi",
            "spending_type": "langsung",
            "order": "2",
            "indicator_name": "Koperasi dibina",
            "indicator_unit": "koperasi",
            "indicator_target": "100",
            "indicator_realization": "90",
            "dana-TOTAL_FORMS": "2",
            "dana-INITIAL_FORMS": "0",
            "dana-0-source": apbd.pk,
            "dana-0-pagu": "1.000.000.000",
            "dana-0-realisasi": "900.000.000,50",
            "dana-1-source": dak.pk,
            "dana-1-pagu": "500000000",
            "dana-1-realisasi": "450000000",
        },
    )
    assert BudgetAllocation.objects.filter(item__code="P1.1").count() == 2

    post_ok(
        client,
        reverse("narrative_edit", args=[slug, 2022, "kata_pengantar"]),
        {"body": "Puji syukur **kami** panjatkan."},
    )
    assert Section.objects.get(key="kata_pengantar").body.startswith("Puji syukur")

    html = client.get(reverse("workspace", args=[slug, 2022])).content.decode()
    # 468 / 656 = 71,34 %; against 52,5 -> 135,89 %.
    assert "71,34" in html and "135,89 %" in html
    assert "Rp 1.350.000.000,50 dari Rp 1.500.000.000" in html
    assert "90,00 %" in html  # serapan


def test_budget_bad_input_is_refused_with_messages(client, operator_a, agency_a):
    client.force_login(operator_a)
    url = reverse("budget_item_create", args=[agency_a.slug, 2022])
    apbd = FundingSource.objects.get(code="APBD")
    response = client.post(
        url,
        {
            "level": "kegiatan",
            "code": "",
            "name": "",
            "spending_type": "langsung",
            "order": "1",
            "dana-TOTAL_FORMS": "1",
            "dana-INITIAL_FORMS": "0",
            "dana-0-source": apbd.pk,
            "dana-0-pagu": "-5",
            "dana-0-realisasi": "abc",
        },
    )
    assert response.status_code == 200
    form, allocations = response.context["form"], response.context["allocations"]
    assert "code" in form.errors and "name" in form.errors
    assert "parent" in form.errors  # a kegiatan needs a program above it
    assert "negatif" in " ".join(allocations.forms[0].errors["pagu"])
    assert "Masukkan angka" in " ".join(allocations.forms[0].errors["realisasi"])
    assert not BudgetItem.objects.exists()
    html = response.content.decode()
    assert 'value="-5"' in html and 'value="abc"' in html


def test_narrative_html_is_never_rendered(client, operator_a, agency_a):
    client.force_login(operator_a)
    url = reverse("narrative_edit", args=[agency_a.slug, 2022, "penutup"])
    body = 'Paragraf **tebal**.\n\n- satu\n- dua\n\n<script>alert(1)</script><img src="http://evil.example/x.png">'
    client.post(url, {"body": body})
    html = client.get(url).content.decode()
    preview = html.split('data-testid="preview"')[1].split(">", 1)[1].split("</div>")[0]
    assert "<strong>tebal</strong>" in preview
    assert "<li>satu</li>" in preview
    assert "<script" not in preview and "<img" not in preview and "evil.example" not in preview
