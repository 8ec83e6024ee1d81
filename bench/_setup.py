"""Shared set-up for bench scripts: Django on a fresh temporary SQLite database."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def django_with_fresh_db() -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def production_env(work: Path) -> dict[str, str]:
    """The settings a deployment runs with (DEBUG off, hashed static files in `work`),
    for a server started on loopback by a bench script."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(work / "static"),
        "CONN_MAX_AGE": "60",
    }
