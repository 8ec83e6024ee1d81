from django.db import models


class WorkbookImport(models.Model):
    """One workbook upload: who, when, where it stands, what it changes, its errors.

    A small file is checked and imported inside the request; a large one by a
    background task (workbook.tasks) while the browser follows its `state` and `step`.
    """

    class State(models.TextChoices):
        CHECKING = "checking", "Sedang diperiksa"
        PREVIEW = "preview", "Menunggu konfirmasi"
        REFUSED = "refused", "Ditolak"
        IMPORTING = "importing", "Sedang diimpor"
        IMPORTED = "imported", "Diimpor"
        FAILED = "failed", "Gagal"

    RUNNING = (State.CHECKING, State.IMPORTING)

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="workbook_imports")
    year = models.PositiveSmallIntegerField("tahun")
    user = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField("waktu", auto_now_add=True)
    filename = models.CharField("nama berkas", max_length=255)
    replace = models.BooleanField("mode ganti", default=False)
    succeeded = models.BooleanField("berhasil", default=False)
    errors = models.JSONField("galat", default=list)  # the first MAX_ERRORS only
    error_count = models.PositiveIntegerField("jumlah galat", default=0)
    notes = models.JSONField("catatan", default=list)
    annotated = models.BinaryField("salinan bertanda", null=True, blank=True)
    # A valid file waiting for the user to confirm its preview; emptied once imported.
    pending = models.BinaryField("berkas menunggu konfirmasi", null=True, blank=True)
    data_version = models.PositiveIntegerField("versi data saat pratinjau", null=True, blank=True)
    changes = models.JSONField("perubahan", default=dict, blank=True)
    state = models.CharField("status", max_length=10, choices=State.choices, default=State.CHECKING)
    step = models.CharField("tahap", max_length=200, blank=True)
    # Whether the user who started the current step may change the agency's identity
    # (a background task has no request to ask).
    identity_allowed = models.BooleanField(default=False)

    class Meta:
        verbose_name = "impor workbook"
        verbose_name_plural = "impor workbook"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.agency} {self.year})"
