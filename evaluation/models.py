"""The criteria of the SAKIP evaluation (LKE), as versioned data.

A criteria set (e.g. PermenPAN-RB 88/2021) holds components → sub-components →
criteria with their weights, the answer scales and the value of each answer, and the
predicate bands. A set is never rewritten once an evaluation uses it: a new regulation,
or an admin's change, is a new version, so past scores and reports stay as they were.
"""

from __future__ import annotations

import os
import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from core.fields import ScaledDecimalField

from . import scoring


class CriteriaSet(models.Model):
    name = models.CharField("nama", max_length=200)
    regulation = models.CharField("dasar", max_length=200)
    version = models.PositiveSmallIntegerField("versi", default=1)
    is_current = models.BooleanField("dipakai untuk evaluasi baru", default=False)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "set kriteria evaluasi"
        verbose_name_plural = "set kriteria evaluasi"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="one_criteria_set_per_version"),
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="one_current_set"),
        ]

    def __str__(self):
        return f"{self.name} (versi {self.version})"

    def specs(self) -> tuple[list[scoring.ComponentSpec], list[scoring.PredicateSpec]]:
        """The set as the scoring engine reads it (a fixed number of queries)."""
        options: dict[str, dict[str, Decimal]] = {}
        for option in self.options.all():
            options.setdefault(option.scale, {})[option.label] = option.value
        components = []
        for component in self.components.prefetch_related("subcomponents__criteria"):
            subs = [
                scoring.SubComponentSpec(
                    sub.code,
                    component.weight * sub.share / 100,
                    [scoring.CriterionSpec(c.code, options[c.scale]) for c in sub.criteria.all()],
                )
                for sub in component.subcomponents.all()
            ]
            components.append(scoring.ComponentSpec(component.code, component.weight, subs))
        # Highest band first, the open-ended lowest last (databases differ on where NULL sorts).
        bands = sorted(self.predicates.all(), key=lambda p: (p.above is None, -(p.above or 0)))
        predicates = [scoring.PredicateSpec(p.label, p.above) for p in bands]
        return components, predicates


class Component(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="components")
    code = models.CharField("kode", max_length=10)
    name = models.CharField("komponen", max_length=200)
    weight = ScaledDecimalField("bobot", decimal_places=2)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "komponen"
        verbose_name_plural = "komponen"
        ordering = ["criteria_set", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "code"], name="one_component_per_code")]

    def __str__(self):
        return f"{self.code} {self.name}"


class SubComponent(models.Model):
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="subcomponents")
    code = models.CharField("kode", max_length=10)
    name = models.CharField("sub komponen", max_length=200)
    share = ScaledDecimalField(
        "porsi dari komponen (%)",
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "sub komponen"
        verbose_name_plural = "sub komponen"
        ordering = ["component", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["component", "code"], name="one_subcomponent_per_code")]

    def __str__(self):
        return f"{self.code} {self.name}"


class Criterion(models.Model):
    subcomponent = models.ForeignKey(SubComponent, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField("kode", max_length=12)
    text = models.TextField("kriteria", max_length=1000)
    scale = models.CharField("skala jawaban", max_length=10)
    # A check of the app's own data that proposes this criterion's answer (evaluation/proposals.py).
    auto_check = models.CharField("usulan otomatis", max_length=30, blank=True)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "kriteria"
        verbose_name_plural = "kriteria"
        ordering = ["subcomponent", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["subcomponent", "code"], name="one_criterion_per_code")]

    def __str__(self):
        return f"{self.code} {self.text[:80]}"


class AnswerOption(models.Model):
    """One answer of a scale and what it is worth (0..1 of the criterion)."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="options")
    scale = models.CharField("skala", max_length=10)
    label = models.CharField("jawaban", max_length=10)
    meaning = models.CharField("arti", max_length=200, blank=True)
    value = models.DecimalField(
        "nilai",
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "pilihan jawaban"
        verbose_name_plural = "pilihan jawaban"
        ordering = ["criteria_set", "scale", "order"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "scale", "label"], name="one_option_per_label"),
            # The bounds are scaled like the stored value (1 is kept as 10 000).
            models.CheckConstraint(condition=Q(value__gte=0, value__lte=1), name="option_value_0_to_1"),
        ]

    def __str__(self):
        return f"{self.scale}: {self.label} = {self.value}"


class PredicateBand(models.Model):
    """A predicate for a total above `above` (empty: from 0)."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="predicates")
    label = models.CharField("predikat", max_length=10)
    above = ScaledDecimalField("nilai di atas", decimal_places=2, null=True, blank=True)
    meaning = models.CharField("interpretasi", max_length=200, blank=True)

    class Meta:
        verbose_name = "predikat evaluasi"
        verbose_name_plural = "predikat evaluasi"
        ordering = ["criteria_set", "-above"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "label"], name="one_band_per_label")]

    def __str__(self):
        return self.label


class Evaluation(models.Model):
    """One agency's SAKIP evaluation for one year: the LKE worksheet answered by the
    agency (self-assessment) and by the evaluator, the findings and recommendations,
    and the LHE. It keeps the criteria set it was made with."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Penilaian mandiri"
        SUBMITTED = "submitted", "Diajukan ke evaluator"
        EVALUATED = "evaluated", "Dinilai evaluator"
        FINAL = "final", "Final"

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="evaluations", verbose_name="instansi"
    )
    year = models.PositiveSmallIntegerField("tahun")
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.PROTECT, related_name="evaluations", verbose_name="set kriteria"
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DRAFT)
    lhe_number = models.CharField("nomor LHE", max_length=100, blank=True)
    summary = models.TextField("simpulan umum", max_length=4000, blank=True)
    team_lead_name = models.CharField("nama ketua tim evaluasi", max_length=200, blank=True)
    team_lead_nip = models.CharField("NIP ketua tim", max_length=30, blank=True)
    team_lead_title = models.CharField("jabatan ketua tim", max_length=200, blank=True)
    sign_place = models.CharField("tempat", max_length=100, blank=True)
    sign_date = models.DateField("tanggal LHE", null=True, blank=True)
    submitted_at = models.DateTimeField("diajukan", null=True, blank=True)
    finalized_at = models.DateTimeField("final", null=True, blank=True)
    # The score as it was when final (the LHE prints these), kept beside the answers.
    final_total = ScaledDecimalField("nilai akhir", decimal_places=2, null=True, blank=True)
    final_predicate = models.CharField("predikat akhir", max_length=10, blank=True)

    class Meta:
        verbose_name = "evaluasi SAKIP"
        verbose_name_plural = "evaluasi SAKIP"
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_evaluation_per_agency_and_year"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="evaluation_year_plausible"),
        ]

    def __str__(self):
        return f"Evaluasi SAKIP {self.agency} {self.year}"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class Answer(models.Model):
    """One criterion of the worksheet: the agency's answer and the evaluator's, side by side."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+", verbose_name="kriteria")
    self_answer = models.CharField("jawaban mandiri", max_length=10, blank=True)
    self_explanation = models.TextField("penjelasan", max_length=2000, blank=True)
    evaluator_answer = models.CharField("jawaban evaluator", max_length=10, blank=True)
    evaluator_note = models.TextField("catatan evaluator", max_length=2000, blank=True)

    class Meta:
        verbose_name = "jawaban LKE"
        verbose_name_plural = "jawaban LKE"
        constraints = [models.UniqueConstraint(fields=["evaluation", "criterion"], name="one_answer_per_criterion")]

    def __str__(self):
        return f"{self.evaluation} {self.criterion.code}"


class ComponentFinding(models.Model):
    """What the evaluator found on one component (printed in the LHE)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    component = models.ForeignKey(Component, on_delete=models.PROTECT, related_name="+", verbose_name="komponen")
    text = models.TextField("temuan", max_length=4000)

    class Meta:
        verbose_name = "temuan evaluasi"
        verbose_name_plural = "temuan evaluasi"
        constraints = [models.UniqueConstraint(fields=["evaluation", "component"], name="one_finding_per_component")]

    def __str__(self):
        return f"{self.evaluation} {self.component.code}"


class Recommendation(models.Model):
    """A recommendation of the LHE: a follow-up item for the agency (tindak lanjut)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="recommendations")
    component = models.ForeignKey(Component, on_delete=models.PROTECT, related_name="+", verbose_name="komponen")
    text = models.TextField("rekomendasi", max_length=2000)
    responsible_unit = models.CharField("unit penanggung jawab", max_length=200, blank=True)
    due_date = models.DateField("batas waktu", null=True, blank=True)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "rekomendasi"
        verbose_name_plural = "rekomendasi"
        ordering = ["evaluation", "order", "id"]

    def __str__(self):
        return self.text[:80]


class FollowUp(models.Model):
    """The agency's follow-up of one recommendation and the evaluator's review of it.
    Written after the evaluation is final, so not locked with it."""

    class Status(models.TextChoices):
        OPEN = "open", "Belum ditindaklanjuti"
        RESPONDED = "responded", "Ditanggapi, menunggu reviu"
        DONE = "done", "Selesai"
        INSUFFICIENT = "insufficient", "Belum memadai"

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="follow_up")
    status = models.CharField("status", max_length=15, choices=Status.choices, default=Status.OPEN)
    response = models.TextField("tindak lanjut instansi", max_length=4000, blank=True)
    responded_at = models.DateTimeField("ditanggapi", null=True, blank=True)
    review_note = models.TextField("catatan evaluator", max_length=2000, blank=True)
    reviewed_at = models.DateTimeField("direviu", null=True, blank=True)

    class Meta:
        verbose_name = "tindak lanjut"
        verbose_name_plural = "tindak lanjut"

    def __str__(self):
        return f"{self.recommendation} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.DONE


class EvidenceStorage(FileSystemStorage):
    """Evidence files live under EVIDENCE_ROOT, read when used (tests point it elsewhere),
    and have no URL: only the download view hands them out."""

    @property
    def base_location(self):
        return settings.EVIDENCE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Data dukung tidak mempunyai URL publik.")


def evidence_path(instance, filename: str) -> str:
    # A random name: the stored name says nothing and cannot be guessed.
    return f"{instance.evaluation.agency_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Evidence(models.Model):
    """Data dukung: an uploaded file, or a link to a document the app already holds
    (the archived LKjIP, the PK, the Renstra), for a criterion, an indicator or a
    follow-up item."""

    class Kind(models.TextChoices):
        FILE = "file", "Berkas"
        LINK = "link", "Dokumen aplikasi"

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="kriteria"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name="indikator",
    )
    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence", verbose_name="tindak lanjut"
    )
    kind = models.CharField("jenis", max_length=5, choices=Kind.choices)
    label = models.CharField("nama", max_length=255)
    file = models.FileField("berkas", storage=EvidenceStorage(), upload_to=evidence_path, blank=True, max_length=200)
    content_type = models.CharField("jenis isi", max_length=100, blank=True)
    size = models.PositiveIntegerField("ukuran (bita)", null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    link = models.CharField("tautan", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="oleh"
    )
    uploaded_at = models.DateTimeField("diunggah", auto_now_add=True)

    class Meta:
        verbose_name = "data dukung"
        verbose_name_plural = "data dukung"
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(criterion__isnull=False) | Q(indicator__isnull=False) | Q(follow_up__isnull=False),
                name="evidence_supports_something",
            ),
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(file="")) | (Q(kind="link") & ~Q(link="")),
                name="evidence_file_or_link",
            ),
        ]

    def __str__(self):
        return self.label


class EvaluationArchive(models.Model):
    """The LHE PDF built once when the evaluation became final; every later download is this file."""

    evaluation = models.OneToOneField(Evaluation, on_delete=models.CASCADE, related_name="archive")
    pdf = models.BinaryField("PDF")
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "arsip LHE"
        verbose_name_plural = "arsip LHE"

    def __str__(self):
        return f"{self.evaluation} {self.sha256[:12]}"


class ReportingDeadline(models.Model):
    """When a region's agencies must hand in the LKjIP of a year. Without a row: the
    regulation's default, 31 March of the next year (Perpres 29/2014)."""

    region = models.ForeignKey("agencies.Region", on_delete=models.CASCADE, related_name="+", verbose_name="pemda")
    year = models.PositiveSmallIntegerField("tahun laporan")
    due = models.DateField("batas penyampaian LKjIP")

    class Meta:
        verbose_name = "batas penyampaian LKjIP"
        verbose_name_plural = "batas penyampaian LKjIP"
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="one_deadline_per_region_year")]

    def __str__(self):
        return f"{self.region} {self.year}: {self.due}"
