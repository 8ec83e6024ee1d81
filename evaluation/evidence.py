"""Evidence files (data dukung): what an upload really is, read from its bytes.

Accepted: PDF, JPEG, PNG, Excel (.xlsx) and Word (.docx), up to EVIDENCE_MAX_BYTES.
The type is sniffed from the content (magic bytes; for .xlsx/.docx the parts inside the
ZIP), never trusted from the name or the browser's Content-Type, and the name's
extension must agree with it: a PDF renamed to .xlsx, or a program renamed to .pdf,
is refused with the reason.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

KINDS = {
    "pdf": ("application/pdf", {".pdf"}),
    "jpeg": ("image/jpeg", {".jpg", ".jpeg"}),
    "png": ("image/png", {".png"}),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}),
}
NAMES = {"pdf": "PDF", "jpeg": "gambar JPEG", "png": "gambar PNG", "xlsx": "Excel (.xlsx)", "docx": "Word (.docx)"}
ALLOWED = "PDF, JPEG, PNG, Excel (.xlsx) atau Word (.docx)"


class EvidenceRefused(ValueError):
    pass


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    size: int
    sha256: str


def sniff(head: bytes, data: bytes) -> str | None:
    """The kind the bytes are, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "word/document.xml" in names:
                return "docx"
    return None


def check_upload(upload) -> tuple[CheckedFile, bytes]:
    """The checked file and its bytes, or EvidenceRefused with the reason in Indonesian."""
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise EvidenceRefused(f"Berkas terlalu besar: paling besar {limit // (1024 * 1024)} MB.")
    if upload.size == 0:
        raise EvidenceRefused("Berkas kosong.")
    data = upload.read()
    kind = sniff(data[:16], data)
    extension = Path(upload.name or "").suffix.lower()
    if kind is None:
        raise EvidenceRefused(f"Isi berkas tidak dikenali. Data dukung harus berupa {ALLOWED}.")
    content_type, extensions = KINDS[kind]
    if extension not in extensions:
        shown = extension or "(tanpa akhiran)"
        raise EvidenceRefused(
            f"Isi berkas adalah {NAMES[kind]}, tetapi namanya berakhiran {shown}. Simpan dengan akhiran "
            f"{' atau '.join(sorted(extensions))} lalu unggah lagi."
        )
    return CheckedFile(kind, content_type, len(data), hashlib.sha256(data).hexdigest()), data
