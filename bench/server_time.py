"""Server time of every main page, in-process, with production settings.

Run: .venv/bin/python bench/server_time.py [requests]
DEBUG off, the shared cache on Redis (REDIS_URL, default redis://127.0.0.1:6379/14,
flushed first), demo data on a fresh SQLite database unless DATABASE_URL is set. An
operator of Pati (and a reviewer for the dashboard) asks each page: the first request
after the data changed ("cold": the report and the page parts are built), then the
median and the 95th percentile of the next requests ("warm"). Target: under 30 ms warm.
"""

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp())  # hashed static names, as deployed

from _setup import django_with_fresh_db  # noqa: E402

PAGES = [
    ("beranda", "home", []),
    ("ringkasan", "workspace", ["pati", 2020]),
    ("target & realisasi", "grid", ["pati", 2020]),
    ("anggaran", "budget", ["pati", 2020]),
    ("laporan HTML", "report_html", ["pati", 2020]),
    ("laporan JSON", "report_json", ["pati", 2020]),
    ("narasi", "narrative", ["pati", 2020]),
    ("organisasi", "organisation", ["pati", 2020]),
    ("renstra", "renstra_list", ["pati"]),
]


def timed(client, url) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed * 1000


def main(requests: int) -> None:
    django_with_fresh_db()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from agencies.versioning import mark_changed
    from demo.loader import load_demo

    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()
    agencies = load_demo()
    operator = Client()
    operator.force_login(get_user_model().objects.get(username="operator-pati"))
    reviewer = Client()
    reviewer.force_login(get_user_model().objects.get(username="reviewer"))
    pages = [(label, operator, reverse(name, args=args)) for label, name, args in PAGES]
    pages.append(("dasbor reviu", reviewer, reverse("dashboard", args=[2020])))
    for _label, client, url in pages:  # per-process warm-up (templates, ContentTypes)
        client.get(url)
    mark_changed([a.pk for a in agencies])  # a new data version: every cache is cold again
    print(f"Server time per page (ms), in-process, DEBUG off, Redis cache; warm: {requests} requests")
    print(f"{'page':<20} {'cold':>7} {'warm p50':>9} {'warm p95':>9}")
    worst = 0.0
    for label, client, url in pages:
        cold = timed(client, url)
        warm = sorted(timed(client, url) for _ in range(requests))
        p50, p95 = statistics.median(warm), warm[int(len(warm) * 0.95) - 1]
        worst = max(worst, p95)
        print(f"{label:<20} {cold:7.1f} {p50:9.1f} {p95:9.1f}".replace(".", ","))
    print(f"slowest warm p95: {worst:.1f} ms (target < 30 ms)".replace(".", ","))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
