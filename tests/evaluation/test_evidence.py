"""Evidence files: checked by content, stored outside the web root, handed only to the
agency's readers (its operators, its evaluators, administrators)."""

import io
import re
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.models import Membership
from evaluation import workflow
from evaluation.evidence import EvidenceRefused, check_upload
from evaluation.models import Evidence
from tests.conftest import make_user

from .helpers import PDF, criteria, url

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_AS_PDF = "Isi berkas adalah Excel (.xlsx), tetapi namanya berakhiran .pdf"


def office_file(part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("renstra.pdf", PDF, "application/pdf"),
        ("foto.JPG", b"\xff\xd8\xff\xe0" + b"0" * 20, "image/jpeg"),
        ("bagan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "image/png"),
        (
            "iku.xlsx",
            office_file("xl/workbook.xml"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "sk.docx",
            office_file("word/document.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_each_accepted_kind_is_recognised_by_its_content(name, data, content_type):
    checked, _ = check_upload(SimpleUploadedFile(name, data, content_type="application/octet-stream"))
    assert checked.content_type == content_type


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("laporan.xlsx", PDF, "Isi berkas adalah PDF, tetapi namanya berakhiran .xlsx"),
        (
            "tabel.pdf",
            office_file("xl/workbook.xml"),
            "Isi berkas adalah Excel (.xlsx), tetapi namanya berakhiran .pdf",
        ),
        ("setup.pdf", b"MZ\x90\x00" + b"0" * 40, "Isi berkas tidak dikenali"),
        ("arsip.docx", office_file("other.xml"), "Isi berkas tidak dikenali"),
        ("kosong.pdf", b"", "Berkas kosong"),
    ],
)
def test_a_file_whose_content_does_not_match_its_name_is_refused(name, data, message):
    with pytest.raises(EvidenceRefused, match=re.escape(message)):
        check_upload(SimpleUploadedFile(name, data, content_type="application/pdf"))


def test_a_file_over_the_limit_is_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(EvidenceRefused, match="terlalu besar"):
        check_upload(SimpleUploadedFile("a.pdf", PDF))


@pytest.fixture
def uploaded(client, agency_a, operator_a):
    evaluation = workflow.start(agency_a, 2024)
    criterion = criteria(evaluation)[0]
    client.force_login(operator_a)
    response = client.post(
        url("evidence_upload", agency_a, 2024),
        {"criterion": criterion.pk, "file": SimpleUploadedFile("renstra.pdf", PDF, content_type="text/plain")},
    )
    assert response.status_code == 302
    client.logout()
    return Evidence.objects.get(evaluation=evaluation)


def test_the_upload_is_stored_outside_the_web_root_under_a_name_nobody_can_guess(uploaded):
    path = uploaded.file.path
    assert path.startswith(str(settings.EVIDENCE_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT)) and not path.startswith(str(settings.STATIC_ROOT))
    assert "renstra" not in path and uploaded.label == "renstra.pdf"
    assert uploaded.content_type == "application/pdf"  # from the content, not the browser's text/plain
    with pytest.raises(ValueError):
        uploaded.file.url  # noqa: B018 - no URL exists


def test_the_agencys_readers_download_it(client, uploaded, agency_a, operator_a, reviewer, admin):
    address = url("evidence_download", agency_a, 2024, uploaded.pk)
    for user in (operator_a, reviewer, admin):
        client.force_login(user)
        response = client.get(address)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF
        assert response["X-Content-Type-Options"] == "nosniff"


def test_everyone_else_is_refused_whatever_they_guess(client, uploaded, agency_a, agency_b, operator_b):
    other_reviewer = make_user("reviewer-b", agency_b, Membership.Role.REVIEWER)
    scoped = make_user("unit-a")
    Membership.objects.create(user=scoped, agency=agency_a, role=Membership.Role.OPERATOR, unit_code="1")
    for user in (operator_b, other_reviewer, scoped):
        client.force_login(user)
        # The right id under the other agency, under their own agency, another year, the next id.
        for slug, year, pk in [
            (agency_a.slug, 2024, uploaded.pk),
            (agency_b.slug, 2024, uploaded.pk),
            (agency_a.slug, 2023, uploaded.pk),
            (agency_b.slug, 2024, uploaded.pk + 1),
        ]:
            address = f"/instansi/{slug}/{year}/evaluasi/bukti/{pk}/"
            assert client.get(address).status_code == 404, (user, address)
        # The stored file name leads nowhere either: nothing serves the evidence directory.
        assert client.get("/media/" + uploaded.file.name).status_code == 404
        assert client.get("/" + uploaded.file.name).status_code == 404
    client.logout()
    assert client.get(url("evidence_download", agency_a, 2024, uploaded.pk)).status_code == 302  # to login


def test_a_wrong_extension_is_refused_with_a_clear_message_and_nothing_stored(client, agency_a, operator_a):
    evaluation = workflow.start(agency_a, 2024)
    client.force_login(operator_a)
    response = client.post(
        url("evidence_upload", agency_a, 2024),
        {"criterion": criteria(evaluation)[0].pk, "file": SimpleUploadedFile("iku.xlsx", PDF)},
        follow=True,
    )
    assert "Isi berkas adalah PDF, tetapi namanya berakhiran .xlsx" in response.content.decode()
    assert not Evidence.objects.exists()
    assert not any(settings.EVIDENCE_ROOT.rglob("*.*"))


def test_reviewers_cannot_add_evidence_while_the_agency_drafts(client, agency_a, reviewer):
    evaluation = workflow.start(agency_a, 2024)
    client.force_login(reviewer)
    response = client.post(
        url("evidence_upload", agency_a, 2024),
        {"criterion": criteria(evaluation)[0].pk, "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert response.status_code == 403


def test_the_archived_lkjip_is_linked_with_its_sha256(client, agency_a, operator_a):
    from reports.models import Report, ReportArchive

    report = Report.objects.create(agency=agency_a, year=2024, status=Report.Status.FINAL)
    archive = ReportArchive.store(report, PDF)
    evaluation = workflow.start(agency_a, 2024)
    client.force_login(operator_a)
    client.post(url("evidence_link", agency_a, 2024), {"criterion": criteria(evaluation)[0].pk, "document": "lkjip"})
    link = Evidence.objects.get()
    assert (link.kind, link.sha256, link.link) == (
        "link",
        archive.sha256,
        f"/instansi/{agency_a.slug}/2024/laporan.pdf",
    )
    response = client.get(url("evidence_download", agency_a, 2024, link.pk))
    assert response.status_code == 302 and response.url == link.link
