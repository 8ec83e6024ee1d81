"""Requests per second of the workspace page against a trivial view, both under gunicorn.

Run: .venv/bin/python bench/throughput.py [seconds] [workers]
Production settings (DEBUG off, whitenoise, collected static files), demo data, a
logged-in operator's session; wrk sends the load over loopback only, for a bounded
time. Target: workspace throughput at least 50 % of the trivial view (/hidup/).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _setup import production_env

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url: str, seconds: int, cookie: str = "") -> tuple[float, str]:
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s*50%\s+(\S+)", out, re.MULTILINE).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert not non2xx, out
    return rps, p50


def served_from_cache(url: str, cookie: str) -> bool:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response:  # noqa: S310 - our loopback server
        return response.headers.get("X-Page-Cache") == "hit"


def main(seconds: int, workers: int) -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    work = Path(tempfile.mkdtemp())
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}"),
        **production_env(work),
    }
    manage = [PYTHON, str(ROOT / "manage.py")]
    for args in (["migrate", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(manage + args, env=env, check=True, capture_output=True)
    cookies = (
        subprocess.run(
            manage
            + [
                "shell",
                "-c",
                (
                    "from django.test import Client; from django.contrib.auth.models import User; "
                    "c = Client(SERVER_NAME='127.0.0.1'); c.force_login(User.objects.get(username='operator-pati')); "
                    "c.get('/instansi/pati/2020/'); "
                    "print(f\"sessionid={c.cookies['sessionid'].value}; csrftoken={c.cookies['csrftoken'].value}\")"
                ),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "lkjip.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        cookie = cookies  # session and CSRF cookies, as a browser that has opened a page sends
        wrk(f"{base}/hidup/", 2)  # warm up both
        wrk(f"{base}/instansi/pati/2020/", 2, cookie)
        served_from = served_from_cache(f"{base}/instansi/pati/2020/", cookie)
        trivial = wrk(f"{base}/hidup/", seconds)
        workspace = wrk(f"{base}/instansi/pati/2020/", seconds, cookie)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"gunicorn, {workers} sync workers, wrk 2 threads x 8 connections, {seconds} s each, loopback")
    print(f"{'page':<34}{'req/s':>9}{'p50':>10}")
    print(f"{'trivial view /hidup/':<34}{trivial[0]:>9.0f}{trivial[1]:>10}")
    print(f"{'workspace Pati 2020 (logged in)':<34}{workspace[0]:>9.0f}{workspace[1]:>10}")
    print(f"workspace answered from the page cache: {served_from}")
    ratio = workspace[0] / trivial[0]
    print(f"workspace / trivial = {ratio:.0%}  (target >= 50 %) -> {'met' if ratio >= 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10, int(sys.argv[2]) if len(sys.argv) > 2 else 2)
