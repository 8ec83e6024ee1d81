import hashlib

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from core.audit import AuditedChange
from core.fields import text_length_limit
from datatables.sections import SectionKey
from indicators.models import Goal


class Report(models.Model):
    """One agency's LKjIP for one year: its narrative, signature and review status."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        SUBMITTED = "submitted", "Diajukan"
        RETURNED = "returned", "Dikembalikan"
        FINAL = "final", "Final"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="reports", verbose_name="instansi")
    year = models.PositiveSmallIntegerField("tahun")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DRAFT)
    sign_place = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    sign_date = models.DateField("tanggal penandatanganan", null=True, blank=True)
    # Who signs the Kata Pengantar, the Penutup and the PK this year; empty: the head of
    # agency in the agency's profile.
    signatory_name = models.CharField("nama penanda tangan", max_length=200, blank=True)
    signatory_rank = models.CharField("pangkat/golongan penanda tangan", max_length=200, blank=True)
    signatory_nip = models.CharField("NIP penanda tangan", max_length=30, blank=True)
    signatory_title = models.CharField(
        "jabatan penanda tangan", max_length=255, blank=True, help_text="Kosong: Kepala (nama instansi)."
    )
    # The PK's second party this year (a head of region changes with elections); empty:
    # the region's head from the admin data.
    second_party_name = models.CharField("nama pihak kedua PK", max_length=200, blank=True)
    second_party_title = models.CharField(
        "jabatan pihak kedua PK", max_length=100, blank=True, help_text="Kosong: kepala daerah, mis. Bupati Pati."
    )

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "laporan"
        verbose_name_plural = "laporan"
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_report_per_agency_and_year"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="report_year_plausible"),
        ]

    def __str__(self):
        return f"LKjIP {self.agency} {self.year}"


class Section(models.Model):
    """The narrative text of one report section, or of one sasaran's analysis."""

    Key = SectionKey  # the report's sections in print order (shared with the data tables)

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField("bagian", max_length=30, choices=Key.choices)
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="sections", verbose_name="sasaran"
    )
    body = models.TextField("isi", blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "bagian laporan"
        verbose_name_plural = "bagian laporan"
        ordering = ["report", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "key"], condition=Q(goal__isnull=True), name="one_section_per_report_and_key"
            ),
            models.UniqueConstraint(
                fields=["report", "key", "goal"], condition=Q(goal__isnull=False), name="one_section_per_goal"
            ),
            models.CheckConstraint(
                condition=Q(key="analisis_sasaran", goal__isnull=False)
                | (~Q(key="analisis_sasaran") & Q(goal__isnull=True)),
                name="only_goal_analysis_names_a_goal",
            ),
        ]

    def __str__(self):
        return f"{self.report} - {self.get_key_display()}"


class ReportEvent(models.Model):
    """One step of the review workflow (submitted, returned, finalized, reopened)."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "Diajukan"
        RETURN = "return", "Dikembalikan"
        ACCEPT = "accept", "Diterima (final)"
        REOPEN = "reopen", "Dibuka kembali"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("tindakan", max_length=10, choices=Action.choices)
    by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField("waktu", auto_now_add=True)
    note = models.TextField("catatan / alasan", blank=True)

    class Meta:
        verbose_name = "riwayat status laporan"
        verbose_name_plural = "riwayat status laporan"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.report} {self.get_action_display()}"


class ReviewNote(models.Model):
    """A reviewer's note on the report, one of its sections, or one indicator."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes")
    section = models.CharField("bagian", max_length=30, choices=Section.Key.choices, blank=True)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_notes",
        verbose_name="indikator",
    )
    text = models.TextField("catatan", max_length=4000)
    author = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    resolved_at = models.DateTimeField("diselesaikan", null=True, blank=True)
    resolved_by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = "catatan reviu"
        verbose_name_plural = "catatan reviu"
        ordering = ["resolved_at", "-created_at"]
        constraints = [text_length_limit("text", 4000, "review_note")]

    def __str__(self):
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def subject(self) -> str:
        if self.indicator_id:
            return f"Indikator {self.indicator.code} {self.indicator.name}"
        if self.section:
            return self.get_section_display()
        return "Laporan secara umum"


class ReportArchive(models.Model):
    """The PDF built once when the report became final; every later download is this file."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="archives")
    pdf = models.BinaryField("PDF")
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "arsip PDF final"
        verbose_name_plural = "arsip PDF final"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.report} {self.sha256[:12]}"

    @classmethod
    def store(cls, report: Report, pdf: bytes) -> "ReportArchive":
        return cls.objects.create(report=report, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())


class Notification(models.Model):
    """An in-app message to one user about a report's workflow."""

    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="lkjip_notifications")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField("pesan", max_length=300)
    # The review note the message is about (a return, a new note), shown with it.
    note = models.ForeignKey(
        "ReviewNote", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="catatan"
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    read_at = models.DateTimeField("dibaca", null=True, blank=True)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.message


class PdfBuild(models.Model):
    """A report PDF built by a background task, with the progress shown to the user."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Dalam antrean"
        RUNNING = "running", "Sedang dibuat"
        DONE = "done", "Selesai"
        FAILED = "failed", "Gagal"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="pdf_builds")
    year = models.PositiveSmallIntegerField("tahun")
    requested_by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField("diminta", auto_now_add=True)
    finished_at = models.DateTimeField("selesai", null=True, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField("tahap", max_length=100, blank=True)
    progress = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    pages = models.PositiveIntegerField("halaman", null=True, blank=True)
    pdf = models.BinaryField("PDF", null=True, blank=True)
    error = models.TextField("galat", blank=True)
    # The agency's data version the PDF was built from (read before building): a
    # download while that version is current is served from here, never rebuilt.
    data_version = models.PositiveBigIntegerField("versi data", null=True, blank=True)

    class Meta:
        verbose_name = "pembuatan PDF"
        verbose_name_plural = "pembuatan PDF"
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="progress_at_most_100")]

    def __str__(self):
        return f"PDF {self.agency} {self.year} ({self.get_status_display()})"


class Picture(models.Model):
    """A photo or image uploaded by the agency for the narrative of one year's report,
    stored re-encoded (no EXIF, no metadata, a bounded size) in the database, so it is
    served only through views that check who may read the agency and printed into the
    PDF without any file or URL."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="pictures", verbose_name="instansi")
    year = models.PositiveSmallIntegerField("tahun")
    caption = models.CharField("keterangan gambar", max_length=300)
    content_type = models.CharField(max_length=20, editable=False)  # image/jpeg or image/png
    data = models.BinaryField(editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    uploaded_at = models.DateTimeField("diunggah", auto_now_add=True)
    uploaded_by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, related_name="+")

    history = HistoricalRecords(bases=[AuditedChange], excluded_fields=["data"])

    class Meta:
        verbose_name = "gambar narasi"
        verbose_name_plural = "gambar narasi"
        ordering = ["agency", "year", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="picture_year_plausible"),
            models.CheckConstraint(
                condition=Q(content_type__in=["image/jpeg", "image/png"]), name="picture_jpeg_or_png"
            ),
        ]

    def __str__(self):
        return f"Gambar {self.pk}: {self.caption}"

    @property
    def token(self) -> str:
        """What an operator types on its own line in a narrative section to print it."""
        return f"[[gambar:{self.pk}]]"
