"""Default narrative generated from the data, for sections staff have not written.

Every number comes from the document (and so from the engine); the wording follows
the reports agencies write today.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.numbers import format_number, format_percent, format_rupiah
from indicators import capaian as engine

if TYPE_CHECKING:
    from indicators.models import IndicatorResult

    from .document import GoalAnalysis, ReportDocument

LAWS = [
    "Undang-Undang Nomor 28 Tahun 1999 tentang Penyelenggaraan Negara yang Bersih dan Bebas dari Korupsi, "
    "Kolusi dan Nepotisme",
    "Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara",
    "Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
    "Peraturan Menteri PAN dan RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan "
    "Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, Pengendalian dan Evaluasi "
    "Pembangunan Daerah",
]


def value(result) -> str:
    if result.indicator.is_grade:
        return result.realization_grade or "-"
    unit = f" {result.indicator.unit}" if result.indicator.unit else ""
    return f"{format_number(result.realization)}{unit}" if result.realization is not None else "-"


def target(result) -> str:
    if result.indicator.is_grade:
        return result.target_grade or "-"
    if result.target is None:
        return "-"
    unit = f" {result.indicator.unit}" if result.indicator.unit else ""
    text = format_number(result.target, places=None)
    if result.target_upper is not None:
        text += f" - {format_number(result.target_upper, places=None)}"
    return text + unit


def indicator_sentence(result) -> str:
    """'Indikator X dengan target 54 % terealisasi 44,39 % sehingga capaian 82,20 % (Tinggi).'"""
    if result.capaian is None:
        return (
            f"Indikator {result.indicator.name} dengan target {target(result)} terealisasi {value(result)}; "
            "capaian belum dapat dihitung."
        )
    return (
        f"Indikator {result.indicator.name} dengan target {target(result)} terealisasi {value(result)} "
        f"sehingga capaian {format_percent(result.capaian)} ({result.predicate})."
    )


def _counts(doc: ReportDocument) -> tuple[int, int, int]:
    met = sum(1 for r in doc.indicators if r.status in ("met", "exceeded"))
    not_met = sum(1 for r in doc.indicators if r.status == "not_met")
    return len(doc.indicators), met, not_met


def counts_sentence(doc: ReportDocument) -> str:
    """The counts first, always: how many indicators met their target, missed it, or
    cannot be measured yet."""
    total, met, not_met = _counts(doc)
    year = doc.year
    if total == 0:
        return f"Belum ada indikator kinerja yang ditetapkan untuk tahun {year}."
    unmeasured = total - met - not_met
    if unmeasured == total:
        return (
            f"Realisasi tahun {year} belum diisi untuk {total} indikator kinerja, sehingga capaian kinerja "
            "belum dapat diukur."
        )
    text = f"{met} dari {total} indikator kinerja mencapai atau melampaui target, {not_met} belum mencapai target"
    if unmeasured:
        text += f", dan {unmeasured} belum dapat diukur karena target atau realisasinya belum diisi"
    return text + "."


def cap_clause(doc: ReportDocument) -> str:
    cap = doc.results.context.mean_cap
    if cap is None:
        return "setiap capaian dihitung apa adanya dalam rata-rata"
    cap_text = format_percent(cap, 0)
    return f"capaian di atas {cap_text} dihitung {cap_text} dalam rata-rata"


def mean_sentence(doc: ReportDocument) -> str:
    """The (capped) mean with its predicate, and how it was computed."""
    if doc.results.capaian is None:
        return "Rata-rata capaian sasaran belum dapat dihitung."
    band = doc.results.predicate
    predicate = f", predikat {band.label}" if band else ""
    return f"Rata-rata capaian sasaran {format_percent(doc.results.capaian)}{predicate} ({cap_clause(doc)})."


def overall_sentence(doc: ReportDocument) -> str:
    """The overall verdict follows both the counts and the mean, never one alone."""
    total, met, not_met = _counts(doc)
    text = f"{counts_sentence(doc)} {mean_sentence(doc)}"
    if not_met > met:
        text += " Sebagian besar indikator belum mencapai target."
    elif total and met == total:
        text += " Seluruh indikator mencapai target."
    return text


def generate(key: str, doc: ReportDocument) -> str:
    agency, year = doc.agency.name, doc.year
    budget = budget_sentence(doc.total, f"Pagu anggaran tahun {year}")
    period = doc.period
    renstra = f"Renstra {period.start_year}-{period.end_year}" if period else "Renstra"
    texts = {
        "kata_pengantar": (
            f"Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, sehingga Laporan Kinerja Instansi "
            f"Pemerintah (LKjIP) {agency} Tahun {year} dapat disusun.\n\n"
            f"LKjIP ini merupakan wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi serta pencapaian "
            f"tujuan dan sasaran yang ditetapkan dalam {renstra} dan Perjanjian Kinerja Tahun {year}, sesuai "
            f"Peraturan Presiden Nomor 29 Tahun 2014 dan Peraturan Menteri PAN dan RB Nomor 53 Tahun 2014.\n\n"
            f"Semoga laporan ini bermanfaat sebagai bahan evaluasi untuk meningkatkan kinerja pada tahun berikutnya."
        ),
        "ikhtisar": (
            f"Pada tahun {year} {agency} mengukur kinerjanya dengan {len(doc.indicators)} indikator. "
            f"{overall_sentence(doc)}\n\n{budget}"
        ),
        "latar_belakang": (
            f"Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) mewajibkan setiap instansi pemerintah "
            f"menyusun laporan kinerja setiap tahun. Laporan ini menyajikan capaian kinerja {agency} tahun {year} "
            f"dibandingkan dengan target Perjanjian Kinerja dan {renstra}."
        ),
        "maksud_tujuan": (
            f"Laporan ini dimaksudkan sebagai bentuk pertanggungjawaban kinerja {agency} tahun {year}, dengan "
            f"tujuan:\n\n1. memberikan informasi kinerja yang terukur kepada pemberi mandat;\n"
            f"2. menjadi bahan evaluasi dan perbaikan kinerja pada tahun berikutnya."
        ),
        "dasar_hukum": "\n".join(f"{n}. {law};" for n, law in enumerate(LAWS, 1)),
        "gambaran_umum": (
            f"{agency} berkedudukan di {doc.agency.address or doc.agency.region.name}"
            + (f" dan dipimpin oleh {doc.agency.head_name}" if doc.agency.head_name else "")
            + "."
        ),
        "isu_strategis": _isu_strategis(doc),
        "sistematika": (
            "Laporan ini disusun dengan sistematika sebagai berikut:\n\n"
            "- **BAB I Pendahuluan**: latar belakang, maksud dan tujuan, dasar hukum, gambaran umum, isu strategis.\n"
            "- **BAB II Perencanaan Kinerja**: Rencana Strategis, Perjanjian Kinerja, program dan anggaran.\n"
            "- **BAB III Akuntabilitas Kinerja**: capaian kinerja organisasi dan realisasi anggaran.\n"
            "- **BAB IV Penutup**: simpulan dan langkah ke depan."
        ),
        "renstra": (
            f"{renstra} memuat visi, misi, tujuan, sasaran strategis dan indikator kinerja beserta targetnya "
            f"untuk setiap tahun periode perencanaan, sebagaimana Tabel {doc.table_refs['renstra'].number}."
        ),
        "perjanjian_kinerja": (
            f"Perjanjian Kinerja Tahun {year} memuat sasaran, indikator kinerja dan target yang akan dicapai, "
            f"sebagaimana Tabel {doc.table_refs['pk'].number}."
        ),
        "capaian_kinerja": (
            f"Pengukuran kinerja membandingkan target dengan realisasi setiap indikator. {overall_sentence(doc)}"
        ),
        "realisasi_anggaran": (
            f"{budget} {budget_sentence(doc.direct, 'Pagu belanja langsung')}" if doc.has_spending_split else budget
        ),
        "penutup": _penutup(doc),
    }
    return texts.get(key, "")


def budget_sentence(money, subject: str) -> str:
    """One sentence on a budget amount that claims no more than the data holds."""
    if money.pagu is None:
        return f"{subject} belum diisi."
    if money.realisasi is None:
        return f"{subject} sebesar {format_rupiah(money.pagu)}; realisasinya belum diisi."
    if money.is_partial:
        return (
            f"{subject} sebesar {format_rupiah(money.pagu)}; realisasi yang sudah tercatat "
            f"{format_rupiah(money.realisasi)} ({money.partial_note}), sehingga serapan belum dapat dihitung."
        )
    return (
        f"{subject} sebesar {format_rupiah(money.pagu)} terealisasi {format_rupiah(money.realisasi)} "
        f"({format_percent(money.serapan)})."
    )


def _isu_strategis(doc: ReportDocument) -> str:
    lagging = [r for r in doc.indicators if r.status == "not_met"]
    if not lagging:
        return "Seluruh indikator kinerja tahun ini tercapai; tantangannya adalah mempertahankan capaian tersebut."
    lines = "\n".join(f"- {indicator_sentence(r)}" for r in lagging)
    return f"Indikator yang belum mencapai target:\n\n{lines}"


def _penutup(doc) -> str:
    lines = [
        f"Kinerja {doc.agency.name} tahun {doc.year}: {overall_sentence(doc)}",
        budget_sentence(doc.total, "Pagu anggaran"),
    ]
    lagging = [r for r in doc.indicators if r.status == "not_met"]
    if lagging:
        lines.append(
            "Langkah ke depan difokuskan pada indikator yang belum tercapai: "
            + "; ".join(r.indicator.name for r in lagging)
            + "."
        )
    return "\n\n".join(lines)


def goal_analysis(analysis: GoalAnalysis, year: int) -> str:
    parts = [indicator_sentence(r) for r in analysis.result.indicators]
    if analysis.efficiency is not None:
        verdict = "efisien" if analysis.is_efficient else "belum efisien"
        parts.append(
            f"Dengan serapan anggaran {format_percent(analysis.money.serapan)}, tingkat efisiensi "
            f"{format_number(analysis.efficiency)} poin ({verdict})."
        )
    elif analysis.money.is_partial:
        parts.append(f"Serapan anggaran dan tingkat efisiensi belum dapat dihitung: {analysis.money.partial_note}.")
    if analysis.supporting:
        names = "; ".join(f"{n.item.name}" for n in analysis.supporting)
        parts.append(f"Program/kegiatan pendukung: {names}.")
    return "\n\n".join(parts)


def indicator_analysis(part: str, result: IndicatorResult) -> str:
    """What BAB III prints for an indicator's causes, obstacles or solutions while the
    agency has written none: the facts the data holds, and that the rest is missing
    (never an invented cause)."""
    if part == "causes":
        if result.capaian is None:
            return "Capaian belum dapat dihitung; penyebab keberhasilan atau kegagalan belum diuraikan oleh instansi."
        status = engine.STATUS_LABELS.get(result.status, "").lower()
        return (
            f"Capaian {format_percent(result.capaian)} ({status}). Penyebab keberhasilan atau kegagalan belum "
            "diuraikan oleh instansi."
        )
    if part == "obstacles":
        return "Kendala belum diuraikan oleh instansi."
    return "Solusi dan tindak lanjut belum diuraikan oleh instansi."
