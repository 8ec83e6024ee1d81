from django.db import models


class WorkbookImport(models.Model):
    """One workbook upload: who, when, whether it was saved, and its errors."""

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

    class Meta:
        verbose_name = "impor workbook"
        verbose_name_plural = "impor workbook"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.agency} {self.year})"
