"""Time to build the Pati 2020 LKjIP PDF end to end (data -> HTML -> PDF).

Run: .venv/bin/python bench/pdf_build.py [runs]
Prints each stage's median over the runs, the page count and the target (< 3 s).
"""

import statistics
import subprocess
import sys
import time

from _setup import django_with_fresh_db


def main(runs: int) -> None:
    django_with_fresh_db()
    from agencies.models import Agency
    from demo.loader import load_demo
    from reports.document import build_document
    from reports.pdf import html_to_pdf
    from reports.render import render_document

    load_demo()
    rows = {"data + HTML": [], "HTML -> PDF": [], "end to end": []}
    pdf = b""
    for _ in range(runs + 1):  # the first run warms caches and is not counted
        start = time.perf_counter()
        agency = Agency.objects.select_related("region").get(slug="pati")
        html = render_document(build_document(agency, 2020))
        middle = time.perf_counter()
        pdf = html_to_pdf(html)
        end = time.perf_counter()
        rows["data + HTML"].append(middle - start)
        rows["HTML -> PDF"].append(end - middle)
        rows["end to end"].append(end - start)
    for values in rows.values():
        del values[0]
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, text=False).stdout.decode()
    pages = next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")
    print(f"Pati 2020 LKjIP PDF, {runs} runs, {pages} pages, {len(pdf):,} bytes".replace(",", "."))
    print(f"{'stage':<14}{'median s':>10}{'min s':>8}{'max s':>8}")
    for stage, values in rows.items():
        print(f"{stage:<14}{statistics.median(values):>10.2f}{min(values):>8.2f}{max(values):>8.2f}")
    verdict = "met" if statistics.median(rows["end to end"]) < 3 else "NOT met"
    print(f"target: end to end under 3 s -> {verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
