"""Fifty people at the deadline: a realistic load against gunicorn with production settings.

Run: .venv/bin/python bench/load.py [--users 50] [--think 1-3] [--duration 120]
                                    [--workers 4] [--pdf 0.02] [--saves 0.05]

Sets up a fresh PostgreSQL database (127.0.0.1:5432, user postgres; or DATABASE_URL)
with the demo agencies, a Redis cache (REDIS_URL, default db 13, flushed), starts
gunicorn with production settings (DEBUG off, PostgreSQL, Redis, background tasks) and
one task worker, then lets simulated users work: each waits a think time, then asks one
page: the home page, the workspace, the grid, the budget, the report as HTML or JSON,
now and then the PDF (following the build's progress like the browser, then
downloading) or a grid save (one cell of its own, so no two users clash). Prints
requests/s, p50/p95/p99 per page and the errors, and checks afterwards that no row of
agency data changed except the cells the users saved (and those hold the last value
saved).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from _setup import production_env

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BENCH_DB = "lkjip_load_bench"
PAGES = ["beranda", "ringkasan", "target & realisasi", "anggaran", "laporan HTML", "laporan JSON"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_postgres() -> str:
    import psycopg2

    admin = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {BENCH_DB}")
    admin.close()
    return f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}"


class FormFields(HTMLParser):
    """The inputs of one form (by id), as a browser would submit them unchanged."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        elif self.inside and tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((a["name"], a.get("value", "")))
        elif self.inside and tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            self.fields.append((self.textarea, ""))

    def handle_data(self, data):
        if self.textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None


class User:
    """One simulated person with a logged-in session and a keep-alive connection."""

    def __init__(self, index, port, cookie, slug, year, cell, stats, stop_at, think, shares):
        self.index, self.port, self.cookie = index, port, cookie
        self.slug, self.year, self.cell = slug, year, cell  # cell: (indicator id, field) or None
        self.stats, self.stop_at, self.think, self.shares = stats, stop_at, think, shares
        self.connection = None
        self.saved: str | None = None  # the last value this user saved in its cell

    def request(self, method, path, body=None, headers=None):
        headers = {"Cookie": self.cookie, **(headers or {})}
        for attempt in (1, 2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                return response.status, dict(response.getheaders()), response.read()
            except (http.client.HTTPException, ConnectionError, OSError):
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def timed(self, page, method, path, expect=(200,), **kwargs):
        start = time.perf_counter()
        try:
            status, headers, body = self.request(method, path, **kwargs)
        except Exception as error:  # noqa: BLE001 - every failure is counted as an error
            self.stats.record(page, time.perf_counter() - start, f"{type(error).__name__}: {error}")
            return None, {}, b""
        elapsed = time.perf_counter() - start
        self.stats.record(page, elapsed, None if status in expect else f"{method} {path}: HTTP {status}")
        return status, headers, body

    def run(self):
        rng = random.Random(self.index)
        while True:
            time.sleep(rng.uniform(*self.think))
            if time.monotonic() >= self.stop_at:
                return
            roll = rng.random()
            if roll < self.shares["pdf"]:
                self.pdf()
            elif roll < self.shares["pdf"] + self.shares["saves"] and self.cell:
                self.save(rng)
            else:
                self.page(rng.choice(PAGES))

    def warm_up(self):
        """Each page once, not counted: what the first minutes of the morning did."""
        for page in PAGES:
            self.request("GET", self.path(page))

    def path(self, page):
        base = f"/instansi/{self.slug}/{self.year}"
        return {
            "beranda": "/",
            "ringkasan": f"{base}/",
            "target & realisasi": f"{base}/capaian/",
            "anggaran": f"{base}/anggaran/",
            "laporan HTML": f"{base}/laporan/",
            "laporan JSON": f"{base}/laporan.json",
        }[page]

    def page(self, page):
        self.timed(page, "GET", self.path(page))

    def pdf(self):
        start = time.perf_counter()
        url = f"/instansi/{self.slug}/{self.year}/laporan.pdf"
        status, headers, body = self.request("GET", url)
        if status == 200 and body.startswith(b"%PDF"):
            self.stats.record("PDF (tersimpan)", time.perf_counter() - start, None)
            return
        if status != 302:
            self.stats.record("PDF (dibuat)", time.perf_counter() - start, f"GET {url}: HTTP {status}")
            return
        progress = headers["Location"]
        build = re.search(r"/laporan/pdf/(\d+)/", progress).group(1)
        base = f"/instansi/{self.slug}/{self.year}/laporan/pdf/{build}"
        for _ in range(600):  # as the progress page polls
            time.sleep(1)
            status, _headers, body = self.request("GET", f"{base}.json")
            state = json.loads(body)["status"] if status == 200 else "error"
            if state in ("done", "failed", "error"):
                break
        status, _headers, body = self.request("GET", f"{base}.pdf")
        error = None if status == 200 and body.startswith(b"%PDF") else f"PDF build {build}: {state}, HTTP {status}"
        self.stats.record("PDF (dibuat)", time.perf_counter() - start, error)

    def save(self, rng):
        grid = f"/instansi/{self.slug}/{self.year}/capaian/"
        status, headers, body = self.timed("target & realisasi", "GET", grid)
        if status != 200:
            return
        parser = FormFields("grid-form")
        parser.feed(body.decode())
        fields = dict(parser.fields)
        indicator_id, field = self.cell
        name = f"i{indicator_id}-{field}"
        if name not in fields:
            self.stats.record("simpan grid", 0, f"no field {name} on the grid")
            return
        value = f"{rng.randint(1, 999)},{rng.randint(10, 99)}"
        fields[name] = value
        token = re.search(r"csrftoken=([^;]+)", self.cookie).group(1)
        body = urlencode(fields)
        status, _headers, _body = self.timed(
            "simpan grid",
            "POST",
            grid,
            expect=(302,),
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": token},
        )
        if status == 302:
            self.saved = value


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(list)
        self.stop_at = None
        self.in_window = 0

    def record(self, page, seconds, error):
        with self.lock:
            if self.stop_at is None or time.monotonic() <= self.stop_at:
                self.in_window += 1  # requests/s counts the window; a late PDF still counts below
            self.times[page].append(seconds * 1000)
            if error:
                self.errors[page].append(error)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    import django

    django.setup()


def snapshot() -> dict:
    """Every row of agency data (the registry's models, the agencies, their users)."""
    from django.contrib.auth.models import User as AuthUser

    from agencies.models import Agency, Membership, Region
    from core import registry

    models = {entry.model for entry in registry.agency_year_entries()} | {Agency, Region, Membership, AuthUser}
    skipped = {"data_version", "last_login"}  # bumped by every write; set by logins
    rows = {}
    for model in models:
        if model.__name__ in ("PdfBuild", "Notification", "WorkbookImport"):
            continue  # records of background work, not data
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in skipped]
        for values in model._default_manager.values_list(*names):
            rows[(model.__name__, values[0])] = values
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--agencies", type=int, default=40, help="agencies of the region (copies of the demo's)")
    parser.add_argument("--think", default="1-3", help="seconds between a user's requests, min-max")
    parser.add_argument("--duration", type=int, default=120, help="seconds of load")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--pdf", type=float, default=0.02, help="share of requests that download the PDF")
    parser.add_argument("--saves", type=float, default=0.05, help="share of requests that save a grid cell")
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split("-"))

    work = Path(tempfile.mkdtemp())
    env = {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or fresh_postgres(),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13"),
        **production_env(work),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DJANGO_SETTINGS_MODULE": "lkjip.settings",
    }
    setup_django(env)
    from django.contrib.auth.models import User as AuthUser
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from agencies.models import Membership
    from demo.loader import load_demo
    from indicators.models import Indicator
    from workbook.export import export_workbook
    from workbook.importer import import_workbook

    def copies(originals, years, count):
        """More agencies of the same region: each a copy of a demo agency, through the workbook."""
        made = []
        for n in range(count):
            original = originals[n % len(originals)]
            year = years[original.slug]
            slug = f"{original.slug}-{n + 1}"
            result = import_workbook(export_workbook(original, year), year, slug=slug)
            assert result.ok, result.errors
            years[slug] = year
            made.append(type(original).objects.get(slug=slug))
        return made

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()
    agencies = load_demo()
    years = {"pati": 2020, "lumajang": 2019, "denpasar": 2019}
    agencies += copies(agencies, years, args.agencies - len(agencies))
    cells = defaultdict(list)  # per agency: the grid cells users may write, one each
    for agency in agencies:
        for indicator in Indicator.objects.filter(period__agency=agency, value_kind="number").order_by("code"):
            cells[agency.slug] += [(indicator.pk, field) for field in ("tw1", "tw2", "tw3", "tw4")]
    people = []
    for n in range(args.users):
        agency = agencies[n % len(agencies)]
        user, _ = AuthUser.objects.get_or_create(username=f"beban-{n}")
        writer = n % 5 != 4  # four in five are the agency's operators, the rest its reviewers
        role = Membership.Role.OPERATOR if writer else Membership.Role.REVIEWER
        Membership.objects.update_or_create(user=user, agency=agency, defaults={"role": role})
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(user)
        client.get(f"/instansi/{agency.slug}/{years[agency.slug]}/")
        cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={client.cookies['csrftoken'].value}"
        cell = cells[agency.slug].pop(0) if writer and cells[agency.slug] else None
        people.append((agency.slug, years[agency.slug], cookie, cell))
    before = snapshot()

    port = free_port()
    server_env = {**os.environ, **env}
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "lkjip.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}"]
        + ["--log-level", "warning", "--timeout", "120"],
        cwd=ROOT,
        env=server_env,
    )
    # The task worker at a lower priority, as deployed: PDF builds take the CPU the pages leave.
    worker = subprocess.Popen(
        ["nice", "-n", "10", PYTHON, "manage.py", "db_worker", "--no-reload"],
        cwd=ROOT,
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stats = Stats()
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        stop_at = time.monotonic() + args.duration
        shares = {"pdf": args.pdf, "saves": args.saves}
        users = [
            User(n, port, cookie, slug, year, cell, stats, stop_at, think, shares)
            for n, (slug, year, cookie, cell) in enumerate(people)
        ]
        warm = [threading.Thread(target=u.warm_up, daemon=True) for u in users]
        for thread in warm:  # every worker process imports, connects and fills its caches
            thread.start()
        for thread in warm:
            thread.join()
        stop_at = time.monotonic() + args.duration
        for u in users:
            u.stop_at = stop_at
        stats.stop_at = stop_at
        threads = [threading.Thread(target=u.run, daemon=True) for u in users]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = min(time.monotonic(), stop_at) - started
    finally:
        server.terminate()
        worker.terminate()
        server.wait(timeout=30)
        worker.wait(timeout=30)

    report(stats, elapsed, args, think)
    check_integrity(before, snapshot(), users)


def report(stats, elapsed, args, think):
    total = sum(len(v) for v in stats.times.values())
    errors = sum(len(v) for v in stats.errors.values())
    print(
        f"{args.users} users of {args.agencies} agencies, think time {think[0]:g}-{think[1]:g} s, {elapsed:.0f} s, "
        f"gunicorn -w {args.workers}, PostgreSQL, Redis, 1 task worker (nice 10)"
    )
    rate = stats.in_window / elapsed
    print(f"{total} requests, {rate:.1f} requests/s in the {elapsed:.0f} s window, {errors} errors".replace(".", ","))
    print(f"{'page':<22}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}")
    order = [*PAGES, "simpan grid", "PDF (tersimpan)", "PDF (dibuat)"]
    for page in order + sorted(set(stats.times) - set(order)):
        values = stats.times.get(page)
        if not values:
            continue
        line = (
            f"{page:<22}{len(values):>6}{statistics.median(values):>9.0f}{percentile(values, 0.95):>9.0f}"
            f"{percentile(values, 0.99):>9.0f}{max(values):>9.0f}{len(stats.errors.get(page, [])):>8}"
        )
        print(line)
    for page, problems in stats.errors.items():
        for problem in sorted(set(problems))[:5]:
            print(f"  error {page}: {problem}")


def check_integrity(before, after, users):
    from indicators.models import Realization

    written = {}  # (indicator id, quarter) -> the last value saved there
    for user in users:
        if user.saved is not None:
            indicator_id, field = user.cell
            written[(indicator_id, int(field[2:]))] = user.saved
    allowed = set()
    for realization in Realization.objects.filter(indicator_id__in={k[0] for k in written}):
        key = (realization.indicator_id, realization.quarter)
        if key in written:
            allowed.add(("Realization", realization.pk))
            if realization.value != Decimal(written[key].replace(",", ".")):
                print(f"cell {key} holds {realization.value}, but the last value saved was {written[key]}")
                sys.exit(1)
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    unexpected = sorted(changed - allowed)
    print(f"rows of agency data: {len(before)} before, {len(after)} after; cells saved: {len(written)}")
    if unexpected:
        print(f"CHANGED OUTSIDE THE SAVED CELLS: {len(unexpected)} rows, e.g. {unexpected[:5]}")
        sys.exit(1)
    print("no row changed except the saved cells, and each holds the last value saved there")


if __name__ == "__main__":
    main()
