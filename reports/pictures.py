"""Pictures for the narrative: checked, cleaned and re-encoded on upload, and printed
as numbered figures where a section names them.

An upload must be a JPEG or PNG under MAX_UPLOAD_BYTES. Pillow decodes it (refusing
decompression bombs), turns it upright by its EXIF orientation, scales it down to
MAX_SIDE pixels, and writes a new file from the pixels alone: no EXIF (camera, GPS
position, time), no comments, no embedded profile or payload survives.

In a section, a line holding only `[[gambar:12]]` prints picture 12 of the same agency
and year, with its caption, as "Gambar <bab>.<n>". Nothing else about images exists in
the narrative: the sanitizer drops every tag and URL before this substitution runs.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = getattr(settings, "PICTURE_MAX_BYTES", 5 * 1024 * 1024)
MAX_SIDE = 1600  # pixels: sharp at 160 mm wide in print (250 dpi), small in the PDF
MAX_PIXELS = 40_000_000  # a larger image (or a bomb claiming to be one) is refused
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}

TOKEN = re.compile(r"\[\[gambar:(\d+)\]\]")
# After rendering and cleaning, a token alone on its line is a paragraph of its own.
TOKEN_PARAGRAPH = re.compile(r"<p>\s*\[\[gambar:(\d+)\]\]\s*</p>")


class PictureRefused(ValueError):
    pass


@dataclass
class Cleaned:
    data: bytes
    content_type: str
    width: int
    height: int


def clean_upload(upload) -> Cleaned:
    """The re-encoded picture, or PictureRefused with the reason in Indonesian."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise PictureRefused(f"Berkas terlalu besar: paling besar {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    raw = upload.read()
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            kind = probe.format
            if kind not in FORMATS:
                raise PictureRefused("Hanya gambar JPEG atau PNG yang dapat diunggah.")
            if probe.width * probe.height > MAX_PIXELS:
                raise PictureRefused("Gambar terlalu besar (lebih dari 40 megapiksel).")
            probe.load()
            image = ImageOps.exif_transpose(probe)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise PictureRefused("Berkas bukan gambar JPEG atau PNG yang utuh.") from None
    if image.mode not in ("RGB", "RGBA", "L", "LA"):  # palette, CMYK, 16-bit ...
        image = image.convert("RGBA" if kind == "PNG" else "RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    pixels = Image.new(image.mode, image.size)  # the pixels alone: no info, EXIF or ICC
    pixels.paste(image)
    out = io.BytesIO()
    if kind == "JPEG":
        pixels.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    else:
        pixels.save(out, "PNG", optimize=True)
    return Cleaned(out.getvalue(), FORMATS[kind], pixels.width, pixels.height)


def picture_ids(body: str) -> list[int]:
    """The pictures a section names, in order, each once."""
    return list(dict.fromkeys(int(n) for n in TOKEN.findall(body or "")))


def unnumbered(agency, year: int, body: str) -> dict:
    """The pictures a body names, for a preview (numbers are given by the whole report)."""
    from .models import Picture

    found = Picture.objects.filter(agency=agency, year=year, pk__in=picture_ids(body))
    return {picture.pk: (None, picture) for picture in found}


def data_uri(picture) -> str:
    return f"data:{picture.content_type};base64,{base64.b64encode(bytes(picture.data)).decode('ascii')}"


def embed(html: str, figures: dict | None) -> str:
    """Replace each token paragraph by its figure. `figures` maps a picture id to
    (number or None, picture); an id not in it (another agency's, deleted) prints a
    note instead, never the picture."""
    figures = figures or {}

    def figure(match: re.Match) -> str:
        found = figures.get(int(match.group(1)))
        if found is None:
            return format_html('<p class="muted">[Gambar {} tidak ditemukan]</p>', match.group(1))
        ref, picture = found
        label = f"Gambar {ref.number} " if ref else "Gambar "
        return format_html(
            '<figure class="chart picture"{}><img src="{}" alt="{}"><figcaption>{}{}</figcaption></figure>',
            format_html(' id="{}"', ref.anchor) if ref else "",
            data_uri(picture),
            picture.caption,
            label,
            picture.caption,
        )

    # `html` is the sanitizer's output and every figure is built by format_html.
    return mark_safe(TOKEN_PARAGRAPH.sub(figure, html))  # noqa: S308
