"""Headers: a Content-Security-Policy without inline script on every page, and
`Cache-Control: private, no-store` on every logged-in page and download."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from demo.loader import load_demo

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture
def operator_client(client, db):
    load_demo()
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    return client


@pytest.mark.parametrize(
    "url",
    [
        reverse("workspace", args=["pati", 2020]),
        reverse("grid", args=["pati", 2020]),
        reverse("agreement_pdf", args=["pati", 2020]),
        reverse("workbook_export", args=["pati", 2020]),
    ],
)
def test_logged_in_pages_and_downloads_are_private_and_never_stored(operator_client, url):
    response = operator_client.get(url)
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert script_src == "'self'"
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_no_template_carries_inline_script():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", text)
        handlers = re.findall(r"\son[a-z]+\s*=", text)
        if inline or handlers or "javascript:" in text:
            offenders.append(path.relative_to(TEMPLATES).as_posix())
    assert offenders == []
