"""Every main page, as every role, on a phone (390 px) and a laptop (1366 px), in a real
browser: the page never scrolls sideways, the console stays clean, no asset is
missing, and axe-core finds no serious or critical accessibility violation.

Screenshots land in test-results/screens/<width>/ (kept by CI as artifacts).
"""

from pathlib import Path

import pytest

from budget.models import BudgetItem
from cascade.models import UnitGoal
from datatables.models import DataTable
from demo.loader import DEMO_PASSWORD, load_demo
from evaluation.models import FollowUp
from indicators.models import Indicator, RenstraPeriod
from organisation.models import OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # axe-core 4.14.1 (npm), MPL-2.0
SCREENS = Path(__file__).resolve().parents[2] / "test-results" / "screens"
WIDTHS = (390, 1366)


def agency_pages(slug, year) -> dict[str, str]:
    period = RenstraPeriod.objects.filter(agency__slug=slug).covering(year).get()
    indicator = Indicator.objects.filter(period=period).order_by("code").first()
    goal = indicator.goal
    item = BudgetItem.objects.filter(agency__slug=slug, year=year).order_by("code").first()
    base = f"/instansi/{slug}"
    table = DataTable.objects.filter(agency__slug=slug, year=year).order_by("code").first()
    tables = {"tabel-baru": f"{base}/{year}/tabel-data/baru/"}
    if table:
        tables["tabel-ubah"] = f"{base}/{year}/tabel-data/{table.pk}/"
    return tables | {
        "ringkasan": f"{base}/{year}/",
        "renstra": f"{base}/renstra/",
        "rencana": f"{base}/renstra/{period.pk}/",
        "indikator": f"{base}/indikator/{indicator.pk}/target/",
        "indikator-ubah": f"{base}/indikator/{indicator.pk}/ubah/",
        "analisis": f"{base}/{year}/indikator/{indicator.pk}/analisis/",
        "sasaran-ubah": f"{base}/sasaran/{goal.pk}/ubah/",
        "renstra-ubah": f"{base}/renstra/{period.pk}/ubah/",
        "anggaran-tambah": f"{base}/{year}/anggaran/tambah/",
        "anggaran-hapus": f"{base}/{year}/anggaran/{item.pk}/hapus/",
        "capaian": f"{base}/{year}/capaian/",
        "anggaran": f"{base}/{year}/anggaran/",
        "anggaran-ubah": f"{base}/{year}/anggaran/{item.pk}/ubah/",
        "narasi": f"{base}/{year}/narasi/",
        "narasi-tulis": f"{base}/{year}/narasi/latar_belakang/",
        "organisasi": f"{base}/{year}/organisasi/",
        "organisasi-tugas": f"{base}/{year}/organisasi/tugas/",
        "organisasi-unit": f"{base}/{year}/organisasi/unit/",
        "organisasi-pegawai": f"{base}/{year}/organisasi/pegawai/",
        "organisasi-aset": f"{base}/{year}/organisasi/aset/",
        "excel": f"{base}/{year}/excel/",
        "reviu": f"{base}/{year}/reviu/",
        "riwayat": f"{base}/{year}/riwayat/",
        "profil": f"{base}/profil/",
        "laporan": f"{base}/{year}/laporan/",
    }


COMMON = {"beranda": "/", "dasbor": "/reviu/", "notifikasi": "/notifikasi/", "sandi": "/akun/kata-sandi/"}
# Pages a reviewer cannot open.
READ_ONLY = {
    "analisis",
    "anggaran-ubah",
    "anggaran-tambah",
    "anggaran-hapus",
    "narasi-tulis",
    "tabel-baru",
    "tabel-ubah",
    "organisasi-tugas",
    "organisasi-unit",
    "organisasi-pegawai",
    "organisasi-aset",
    "indikator-ubah",
    "sasaran-ubah",
    "renstra-ubah",
}
ANONYMOUS = {"masuk": "/masuk/", "lupa-sandi": "/akun/lupa-kata-sandi/"}


def evaluation_pages(slug, year, evaluator: bool) -> dict[str, str]:
    """The SAKIP evaluation pages: the worksheet, the LHE page, follow-up (list and item)."""
    base = f"/instansi/{slug}/{year}"
    pages = {"evaluasi": f"{base}/evaluasi/", "lhe": f"{base}/evaluasi/lhe/", "tindak-lanjut": f"{base}/tindak-lanjut/"}
    item = FollowUp.objects.filter(recommendation__evaluation__agency__slug=slug).order_by("pk").first()
    if item:
        pages["tindak-lanjut-butir"] = f"{base}/tindak-lanjut/{item.pk}/"
    if evaluator:
        pages["dasbor-evaluasi"] = f"/evaluasi/{year}/"
    return pages


def pages_for(role) -> dict[str, str]:
    if role == "operator-pati":
        return {**COMMON, **agency_pages("pati", 2020), **evaluation_pages("pati", 2020, evaluator=False)}
    if role == "reviewer":
        mine = {k: v for k, v in agency_pages("lumajang", 2019).items() if k not in READ_ONLY}
        return {**COMMON, **mine, **evaluation_pages("denpasar", 2019, evaluator=True)}
    denpasar = {k: v for k, v in agency_pages("denpasar", 2019).items() if k in ("ringkasan", "capaian")}
    return {**COMMON, **denpasar, **cascade_pages("denpasar", 2019), **evaluation_pages("denpasar", 2019, True)}


def cascade_pages(slug, year) -> dict[str, str]:
    """The cascade's pages of the demo agency that keeps one (as the admin sees them)."""
    division = OrgUnit.objects.get(agency__slug=slug, year=year, code="1.2")
    goal = UnitGoal.objects.filter(unit=division).first()
    indicator = goal.indicators.first()
    base = f"/instansi/{slug}/{year}/kaskade"
    return {
        "kaskade": f"{base}/",
        "monitoring": f"{base}/monitoring/",
        "unit": f"{base}/unit/{division.pk}/",
        "unit-pk": f"{base}/unit/{division.pk}/pk/",
        "unit-sasaran-baru": f"{base}/unit/{division.pk}/sasaran-baru/",
        "unit-sasaran-ubah": f"{base}/sasaran/{goal.pk}/",
        "unit-indikator-ubah": f"{base}/indikator/{indicator.pk}/",
        "rencana-aksi": f"{base}/indikator/{indicator.pk}/rencana-aksi/",
        "rencana-aksi-iku": f"{base}/iku/{goal.agency_goal.indicators.first().pk}/rencana-aksi/",
        "sasaran-rpjmd": f"/instansi/{slug}/sasaran/{goal.agency_goal_id}/sasaran-daerah/?tahun={year}",
        "rpjmd": f"/daerah/{division.agency.region.slug}/{year}/rpjmd/",
    }


CUT_TABLES = """() => Array.from(document.querySelectorAll(".table-responsive, table.data"))
    .filter(box => box.scrollWidth > box.clientWidth + 1)
    .map(box => `${(box.querySelector("table") || box).className} (${box.scrollWidth} px in ${box.clientWidth} px)`)"""
AXE_RUN = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id}: ${v.help} -> ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`)"""


def serious_accessibility_violations(page) -> list[str]:
    # Evaluated through the DevTools protocol: the page's CSP (no inline script) allows it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(AXE_RUN)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_main_page_fits_is_clean_and_accessible(live_server, browser, width):
    load_demo()
    problems = []
    for role in ("anonymous", "operator-pati", "reviewer", "admin"):
        # Reduced motion: no transitions, so axe measures colours as they settle, not mid-fade.
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID", reduced_motion="reduce")
        page = context.new_page()
        console, missing = [], []
        page.on("console", lambda m, into=console: into.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r, into=missing: into.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        if role != "anonymous":
            page.goto(f"{live_server.url}/masuk/")
            page.locator("#id_username").fill(role)
            page.locator("#id_password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_url(lambda url: "/masuk/" not in url)
        for name, path in (ANONYMOUS if role == "anonymous" else pages_for(role)).items():
            console.clear()
            missing.clear()
            page.goto(f"{live_server.url}{path}")
            where = f"{width}px {role} {name} ({path})"
            if role != "anonymous" and "/instansi/" in path and name != "laporan" and page.title().count(" · ") < 2:
                problems.append(f"{where}: the title '{page.title()}' does not name the page and the agency")
            shot = SCREENS / str(width) / f"{role}-{name}.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=shot, full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{where}: the page is {overflow} px wider than the screen")
            if width >= 1366:  # a laptop shows every table whole: nothing cut off behind a scroll bar
                cut = page.evaluate(CUT_TABLES)
                problems += [f"{where}: the table {c} scrolls sideways" for c in cut]
            problems += [f"{where}: console error {text}" for text in console]
            problems += [f"{where}: {line}" for line in missing]
            violations = serious_accessibility_violations(page)
            problems += [f"{where}: axe {v}" for v in violations]
        context.close()
    assert problems == [], "\n".join(problems)
