"""Import time of a 5 000-row workbook (target: under 5 s).

Run: .venv/bin/python bench/import_workbook.py [rows]
Builds a synthetic workbook (sasaran, indicators, targets, realizations, budget lines
in the proportions of a large agency), imports it into an empty agency, then imports
it again (every row an update that changes nothing).
"""

import sys
import time

from _setup import django_with_fresh_db


def synthetic_workbook(rows: int) -> tuple[bytes, dict]:
    from workbook import spec
    from workbook.export import render_workbook

    goals = max(2, rows // 50)
    indicators = max(2, rows // 10)
    years = [2020, 2021, 2022, 2023]
    budget = max(2, rows - goals - indicators - 2 * indicators * len(years))
    sasaran = [[f"T{g}", "Tujuan", "", f"Tujuan {g}"] for g in range(goals // 5 or 1)]
    sasaran += [[f"S{g}", "Sasaran", f"T{g % (goals // 5 or 1)}", f"Sasaran {g}"] for g in range(goals)]
    indikator = [
        [
            f"I{i}",
            f"S{i % goals}",
            f"Indikator {i}",
            "%",
            "Positif",
            "Angka",
            "Tidak",
            "Terakhir",
            "",
            "Pembilang",
            "Penyebut",
            "Bidang",
            "Bidang",
            "Rasio",
            None,
        ]
        for i in range(indicators)
    ]
    target = [[f"I{i}", y, 50 + i % 10, "52,5"] for i in range(indicators) for y in years]
    realisasi = [[f"I{i}", y, "Tahunan", None, 40 + i % 7, 100, ""] for i in range(indicators) for y in years]
    anggaran = []
    programs = max(1, budget // 20)
    for p in range(programs):
        anggaran.append([f"P{p}", "Program", "", f"Program {p}", f"S{p % goals}", "", "", None, None, "", None, None])
    for k in range(budget - programs):
        anggaran.append(
            [
                f"P{k % programs}.{k}",
                "Kegiatan",
                f"P{k % programs}",
                f"Kegiatan {k}",
                "",
                "Output",
                "unit",
                10,
                9,
                "APBD",
                "1.250.000",
                1000000,
            ]
        )
    instansi = [
        ["Nama Instansi", "Dinas Uji"],
        ["Pemda", "Kabupaten Uji"],
        ["Periode Renstra", "2019-2024"],
        ["Visi", "Visi uji"],
        ["Misi", "Misi uji"],
    ]
    sheets = {
        spec.INSTANSI: iter(instansi),
        spec.SASARAN: iter(sasaran),
        spec.INDIKATOR: iter(indikator),
        spec.TARGET: iter(target),
        spec.REALISASI: iter(realisasi),
        spec.ANGGARAN: iter(anggaran),
    }
    counts = {
        "sasaran": len(sasaran),
        "indikator": len(indikator),
        "target": len(target),
        "realisasi": len(realisasi),
        "anggaran": len(anggaran),
    }
    return render_workbook(sheets), counts


def main(rows: int) -> None:
    django_with_fresh_db()
    from workbook.importer import import_workbook

    data, counts = synthetic_workbook(rows)
    total = sum(counts.values())
    parts = ", ".join(f"{v} {k}" for k, v in counts.items())
    print(f"workbook: {total} rows ({parts}), {len(data) / 1024:.0f} KiB")
    times = []
    for label in ("first import (create)", "second import (no change)"):
        start = time.perf_counter()
        result = import_workbook(data, 2021, slug="dinas-uji")
        elapsed = time.perf_counter() - start
        assert result.ok, [str(e) for e in result.errors[:5]]
        times.append(elapsed)
        print(f"{label:<28}{elapsed:>6.2f} s")
    print("target: under 5 s ->", "met" if max(times) < 5 else "NOT met")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
