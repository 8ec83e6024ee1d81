"""Time and peak memory of importing two hostile workbooks (targets: under 5 s and
under 200 MB each):

- 50 000 invalid rows (every Realisasi row names an unknown indicator);
- a cell at column XFD in every row, with a <dimension> declaring A1:XFD<rows>.

Run: .venv/bin/python bench/hostile_imports.py
Each case runs in a fresh process, so its peak memory (max RSS) is its own; the
figure includes Django and the database set-up (about 80 MB).
"""

import io
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile

from _setup import django_with_fresh_db

ROWS = 50_000


def _workbook(fill) -> bytes:
    from openpyxl import Workbook

    from workbook import spec

    workbook = Workbook(write_only=True)
    for name in spec.SHEETS:
        sheet = workbook.create_sheet(name)
        sheet.append(spec.HEADERS[name])
        if name == spec.INSTANSI:
            for row in (["Nama Instansi", "Dinas Uji"], ["Pemda", "Kabupaten Uji"], ["Periode Renstra", "2019-2024"]):
                sheet.append(row)
        fill(name, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def invalid_rows() -> bytes:
    from workbook import spec

    def fill(name, sheet):
        if name == spec.REALISASI:
            for n in range(ROWS - 10):
                sheet.append(["TIDAK-ADA", 2021, "Tahunan", n])

    return _workbook(fill)


def declared_xfd() -> bytes:
    from workbook import spec

    def fill(name, sheet):
        if name == spec.REALISASI:
            for _ in range(ROWS - 10):
                sheet.append(["x"])

    data = _workbook(fill)
    realisasi = spec.SHEETS.index(spec.REALISASI) + 1
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == f"xl/worksheets/sheet{realisasi}.xml":
                # Move every data row's one cell to the last column, XFD.
                content = re.sub(rb'<c r="A([1-9]\d*)"', lambda m: b'<c r="XFD' + m.group(1) + b'"', content)
                content = content.replace(b'<c r="XFD1"', b'<c r="A1"')  # the header row stays
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension [^>]*/>", f'<dimension ref="A1:XFD{ROWS}"/>'.encode(), content)
            out.writestr(item, content)
    return target.getvalue()


def run_case(name: str, path: str) -> None:
    django_with_fresh_db()
    from workbook.importer import import_workbook

    with open(path, "rb") as file:
        data = file.read()
    start = time.perf_counter()
    result = import_workbook(data, 2021, slug="dinas-uji")
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{name:<8} {len(data) / 1024:>7.0f} KiB  {elapsed:>6.2f} s  peak {peak_mb:>5.0f} MB  "
        f"errors kept {len(result.errors)} of {result.error_count}  "
        f"-> {'met' if elapsed < 5 and peak_mb < 200 else 'NOT met'} (under 5 s, under 200 MB)"
    )


if __name__ == "__main__":
    if len(sys.argv) > 2:
        run_case(sys.argv[1], sys.argv[2])
    else:
        # The files are made here, so the measured processes only import them.
        django_with_fresh_db()
        folder = tempfile.mkdtemp()
        for case, make in (("invalid", invalid_rows), ("xfd", declared_xfd)):
            path = f"{folder}/{case}.xlsx"
            with open(path, "wb") as file:
                file.write(make())
            subprocess.run([sys.executable, __file__, case, path], check=True)
