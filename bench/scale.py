"""Speed at scale: PDF against the WeasyPrint floor, SQL queries per page, grid timing.

Run: .venv/bin/python bench/scale.py [--sizes 10:100,100:1000,1000:10000] [--pdf-max 1000]
Sizes are indicators:budget_lines. Each synthetic agency has a five-year Renstra,
targets for every year, yearly and quarterly realizations and its budget lines.
"""

import argparse
import statistics
import time

from _setup import django_with_fresh_db

PAGES = ["home", "workspace", "ws_render", "grid", "budget", "report_html", "dashboard"]
# ws_render: the workspace computed from scratch (cache emptied first), not the cached page.


def timed(function, runs=3):
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10:100,100:1000,1000:10000")
    parser.add_argument("--pdf-max", type=int, default=100_000, help="skip the PDF above this many indicators")
    args = parser.parse_args()
    django_with_fresh_db()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from agencies.models import Agency, Membership
    from reports.document import build_document
    from reports.pdf import render_pdf
    from reports.render import render_document
    from tests.conftest import make_user
    from tests.factories import make_agency

    settings.ALLOWED_HOSTS = ["*"]
    if args.sizes == "grid":
        grid_timing(client_factory=Client, make_agency=make_agency, make_user=make_user)
        return
    sizes = [tuple(int(n) for n in size.split(":")) for size in args.sizes.split(",")]
    urls = {
        "home": lambda s: reverse("home"),
        "workspace": lambda s: reverse("workspace", args=[s, 2021]),
        "ws_render": lambda s: reverse("workspace", args=[s, 2021]),
        "grid": lambda s: reverse("grid", args=[s, 2021]),
        "budget": lambda s: reverse("budget", args=[s, 2021]),
        "report_html": lambda s: reverse("report_html", args=[s, 2021]),
        "dashboard": lambda s: reverse("dashboard", args=[2021]),
    }
    query_rows, pdf_rows = [], []
    for indicators, lines in sizes:
        slug = f"s{indicators}-{lines}"
        start = time.perf_counter()
        agency = make_agency(slug, indicators=indicators, budget_lines=lines)
        built = time.perf_counter() - start
        user = make_user(f"op-{slug}", agency, Membership.Role.OPERATOR)
        client = Client()
        client.force_login(user)
        counts = []
        for page in PAGES:
            client.get(urls[page](slug))
            if page == "ws_render":
                cache.clear()
            with CaptureQueriesContext(connection) as captured:
                status = client.get(urls[page](slug)).status_code
            counts.append(f"{len(captured)}" + ("" if status == 200 else f"({status})"))
        query_rows.append((indicators, lines, counts))
        if indicators <= args.pdf_max:
            agency = Agency.objects.select_related("region").get(slug=slug)
            html = render_document(build_document(agency, 2021))
            runs = 1 if indicators >= 1000 else 3
            floor, (_, pages) = timed(lambda html=html: render_pdf(html), runs=runs)
            total, _ = timed(lambda agency=agency: render_pdf(render_document(build_document(agency, 2021))), runs=runs)
            pdf_rows.append((indicators, lines, pages, total, floor))
        print(f"  (built {indicators} indicators / {lines} lines in {built:.1f} s)", flush=True)

    print("\nSQL queries per request (second request; same count at every size = no N+1)")
    print(f"{'indicators':>10} {'lines':>6} " + " ".join(f"{p:>11}" for p in PAGES))
    for indicators, lines, counts in query_rows:
        print(f"{indicators:>10} {lines:>6} " + " ".join(f"{c:>11}" for c in counts))

    print("\nPDF end to end (data + HTML + PDF) against the WeasyPrint floor (the same finished HTML to PDF)")
    print(f"{'indicators':>10} {'lines':>6} {'pages':>6} {'total s':>8} {'floor s':>8} {'ratio':>6} {'s/page':>7}")
    for indicators, lines, pages, total, floor in pdf_rows:
        print(
            f"{indicators:>10} {lines:>6} {pages:>6} {total:>8.2f} {floor:>8.2f} {total / floor:>6.2f} "
            f"{total / pages:>7.3f}"
        )

    grid_timing(client_factory=Client, make_agency=make_agency, make_user=make_user)


def form_inputs(html: str) -> dict:
    import re
    from html import unescape

    html = html.split('id="grid-form"')[1].split("</form>")[0]
    inputs = re.findall(r'<input [^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', html)
    return {name: unescape(value) for name, value in inputs if name != "csrfmiddlewaretoken"}


def grid_timing(client_factory, make_agency, make_user) -> None:
    """Server time of the grid page and of saving it, at 200 indicators (the test
    client calls the whole Django stack in-process: middleware, view, template)."""
    from django.urls import reverse

    from agencies.models import Membership

    agency = make_agency("grid200", indicators=200, budget_lines=20)
    client = client_factory()
    client.force_login(make_user("op-grid200", agency, Membership.Role.OPERATOR))
    url = reverse("grid", args=["grid200", 2021])
    client.get(url)
    get_time, response = timed(lambda: client.get(url), runs=9)
    first = next(name for name in form_inputs(response.content.decode()) if name.endswith("-realization"))

    def save(change: bool) -> float:
        data = form_inputs(client.get(url).content.decode())
        if change:
            data[first] = str(time.perf_counter_ns() % 97)
        start = time.perf_counter()
        status = client.post(url, data).status_code
        elapsed = time.perf_counter() - start
        assert status == 302, status
        return elapsed

    save_same = statistics.median(save(False) for _ in range(5))
    save_changed = statistics.median(save(True) for _ in range(5))
    print("\nGrid at 200 indicators (server time, whole Django stack in-process, median)")
    print(f"  open the grid            {get_time * 1000:7.0f} ms   (target < 150 ms)")
    print(f"  save, nothing changed    {save_same * 1000:7.0f} ms")
    print(f"  save, one cell changed   {save_changed * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
