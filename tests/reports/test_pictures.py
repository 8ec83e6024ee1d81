"""Pictures in the narrative: uploaded JPEG/PNG only, size-limited, re-encoded without
EXIF, served only to readers of the agency, printed in the HTML and the PDF as numbered
figures. A remote image URL or raw HTML in the narrative appears nowhere and causes no
request."""

import io
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from agencies.models import Agency
from demo.loader import load_demo
from reports.document import build_document
from reports.models import Picture, Report, Section
from reports.pdf import DataOnlyFetcher, html_to_pdf
from reports.render import render_document

from .test_report import pdf_pages


@pytest.fixture
def demo(db):
    load_demo()


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def photo(kind="JPEG", size=(2400, 1200), gps=True) -> bytes:
    image = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    if gps:
        exif[0x8825] = {1: "S", 2: (6.0, 45.0, 0.0)}  # GPS: a place nobody asked to publish
    out = io.BytesIO()
    image.save(out, kind, exif=exif) if kind != "GIF" else image.save(out, kind)
    return out.getvalue()


def upload(client, data: bytes, name="foto.jpg", caption="Pelatihan koperasi 2020", year=2020, slug="pati"):
    return client.post(
        reverse("picture_upload", args=[slug, year]),
        {"caption": caption, "image": SimpleUploadedFile(name, data, content_type="image/jpeg")},
        follow=True,
    )


def write_section(slug, year, key, body):
    report, _ = Report.objects.get_or_create(agency=Agency.objects.get(slug=slug), year=year)
    Section.objects.update_or_create(report=report, key=key, goal=None, defaults={"body": body})


def test_an_upload_is_re_encoded_smaller_and_without_exif(demo):
    response = upload(client_for("operator-pati"), photo())
    picture = Picture.objects.get(agency__slug="pati")
    assert f"[[gambar:{picture.pk}]]" in response.content.decode()
    stored = Image.open(io.BytesIO(bytes(picture.data)))
    assert stored.format == "JPEG" and (picture.width, picture.height) == (1600, 800) == stored.size
    assert not stored.getexif()  # no camera, no GPS
    assert b"KameraRahasia" not in bytes(picture.data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7 not an image", "bukan gambar JPEG atau PNG"),
        (photo("GIF", gps=False), "Hanya gambar JPEG atau PNG"),
        (photo()[:400], "bukan gambar JPEG atau PNG"),  # cut off
    ],
)
def test_anything_but_a_whole_jpeg_or_png_is_refused_with_the_reason(demo, data, reason):
    response = upload(client_for("operator-pati"), data)
    assert reason in response.content.decode()
    assert not Picture.objects.exists()


def test_an_upload_over_the_limit_is_refused(demo, settings, monkeypatch):
    monkeypatch.setattr("reports.pictures.MAX_UPLOAD_BYTES", 1000)
    response = upload(client_for("operator-pati"), photo())
    assert "Berkas terlalu besar" in response.content.decode()
    assert not Picture.objects.exists()


def test_a_picture_is_served_only_to_readers_of_its_agency(demo):
    upload(client_for("operator-pati"), photo())
    url = reverse("picture", args=["pati", 2020, Picture.objects.get().pk])
    assert client_for("operator-pati").get(url)["Content-Type"] == "image/jpeg"
    assert client_for("reviewer").get(url).status_code == 200
    assert client_for("operator-lumajang").get(url).status_code in (403, 404)
    assert Client().get(url).status_code == 302  # to the login page
    # Another agency's path cannot reach it either.
    other = reverse("picture", args=["lumajang", 2020, Picture.objects.get().pk])
    assert client_for("operator-lumajang").get(other).status_code == 404


def test_a_named_picture_prints_as_a_numbered_figure_in_the_html_and_the_pdf(demo):
    upload(client_for("operator-pati"), photo(), caption="Pelatihan koperasi 2020")
    upload(client_for("operator-lumajang"), photo(), caption="Foto instansi lain", slug="lumajang", year=2019)
    own, foreign = Picture.objects.get(agency__slug="pati"), Picture.objects.get(agency__slug="lumajang")
    write_section("pati", 2020, "latar_belakang", f"Kegiatan tahun ini.\n\n{own.token}\n\n{foreign.token}")
    doc = build_document(Agency.objects.get(slug="pati"), 2020)
    html = render_document(doc)
    # In print order: the picture in 1.1 Latar Belakang comes before the organisation chart.
    assert [f.number for f in doc.figures.tables][:2] == ["1.1", "1.2"]
    assert doc.figures.tables[0].title == "Pelatihan koperasi 2020"
    assert doc.figures.tables[1].title.startswith("Struktur Organisasi")
    assert "Gambar 1.1 Pelatihan koperasi 2020" in html
    assert f"[Gambar {foreign.pk} tidak ditemukan]" in html  # another agency's picture never prints
    assert html.count("data:image/jpeg;base64,") == 1
    pdf = html_to_pdf(html, DataOnlyFetcher())
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    assert "Gambar 1.1 Pelatihan koperasi 2020" in text
    assert "Gambar 1.2 Struktur Organisasi" in text
    assert "&lt;figure" not in html
    images = subprocess.run(["pdfimages", "-list", "-"], input=pdf, capture_output=True, check=True).stdout
    assert b" 1600   800 " in images  # the photo itself is in the PDF, at its stored size


def test_a_remote_image_or_raw_html_in_the_narrative_appears_nowhere_and_causes_no_request(demo):
    write_section(
        "pati",
        2020,
        "latar_belakang",
        'Teks.\n\n![peta](http://evil.example/peta.png)\n\n<img src="https://evil.example/x.png">\n\n'
        "<script>fetch('http://evil.example')</script>\n\n<a href=\"http://evil.example\">tautan</a>\n\n"
        "[[gambar:999999]]",
    )
    html = render_document(build_document(Agency.objects.get(slug="pati"), 2020))
    assert "evil.example" not in html
    assert "<script>fetch" not in html and '<img src="https' not in html
    fetcher = DataOnlyFetcher()
    html_to_pdf(html, fetcher)
    assert fetcher.refused == []  # WeasyPrint was never asked for a URL
