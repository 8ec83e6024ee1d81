"""Show only what the user may do: crawl every page as each role and in each state of
the year (draft, under review, final), and fail on any link or form that leads to a
403. Forms are submitted with what the page fills in, inside a transaction that is
rolled back, so the crawl changes nothing."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import Resolver404, resolve

from agencies.models import Agency, LockedYear
from demo.loader import load_demo
from reports.models import Report

YEAR = 2020
START = [f"/instansi/pati/{YEAR}/", "/", f"/reviu/{YEAR}/", "/notifikasi/"]
# Downloads (PDF, Excel) are checked by the URL-access matrix; building them here
# would only slow the crawl. Logging out ends the crawl's session.
NOT_FOLLOWED = {
    "logout",
    "report_pdf",
    "report_json",
    "workbook_export",
    "workbook_template",
    "workbook_errors",
    "archive_pdf",
    "pdf_build_download",
    "password_change",
    "pdf_build_start",
}
PER_NAME = 2  # pages visited per URL name: enough to see each kind of page twice


class Controls(HTMLParser):
    """The links and forms of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.forms, self._form = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {"action": attrs.get("action") or "", "method": (attrs.get("method") or "get").lower()}
            self._form["fields"] = {}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea") and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind == "file":
                return
            self._form["fields"].setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def url_name(path: str) -> str | None:
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


def crawl(client) -> list[str]:
    """Every refused link or form: 'GET /x (from /y)'."""
    refused, seen, per_name = [], set(), {}
    queue = list(START)
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        name = url_name(path)
        if name is None or name in NOT_FOLLOWED or per_name.get(name, 0) >= PER_NAME:
            continue
        per_name[name] = per_name.get(name, 0) + 1
        response = client.get(path)
        if response.status_code == 403:
            refused.append(f"GET {path}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        controls = Controls()
        controls.feed(response.content.decode())
        for href in controls.links:
            target = urlsplit(urljoin(path, href))
            local = target.netloc in ("", "testserver") and not target.path.startswith(("/admin/", "/static/"))
            if local and target.path.startswith("/") and not href.startswith("#"):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
        for form in controls.forms:
            action = urlsplit(urljoin(path, form["action"] or path)).path
            if form["method"] != "post" or url_name(action) in NOT_FOLLOWED:
                continue
            with transaction.atomic():
                answer = client.post(action, form["fields"])
                transaction.set_rollback(True)
            if answer.status_code == 403:
                refused.append(f"POST {action} (form on {path})")
    return refused


def set_state(state: str) -> None:
    pati = Agency.objects.get(slug="pati")
    report, _ = Report.objects.get_or_create(agency=pati, year=YEAR)
    if state == "submitted":
        Report.objects.filter(pk=report.pk).update(status=Report.Status.SUBMITTED)
        LockedYear.objects.create(agency=pati, year=YEAR, reason=LockedYear.Reason.UNDER_REVIEW)
    elif state == "final":
        Report.objects.filter(pk=report.pk).update(status=Report.Status.FINAL)
        LockedYear.objects.create(agency=pati, year=YEAR, reason=LockedYear.Reason.FINAL)


@pytest.mark.parametrize("state", ["draft", "submitted", "final"])
@pytest.mark.parametrize("username", ["operator-pati", "reviewer", "admin"])
def test_no_link_or_form_leads_to_a_403(client, db, username, state):
    load_demo()
    set_state(state)
    client.force_login(get_user_model().objects.get(username=username))
    refused = crawl(client)
    assert refused == [], "\n".join(refused)


def test_the_crawl_sees_edit_controls_where_they_are_allowed(client, db):
    """The crawl is not vacuous: in a draft year the operator's pages do carry forms."""
    load_demo()
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    page = client.get(f"/instansi/pati/{YEAR}/anggaran/").content.decode()
    assert re.search(r'href="/instansi/pati/2020/anggaran/\d+/ubah/"', page)
