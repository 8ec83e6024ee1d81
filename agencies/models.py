import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.cache_tokens import forget_agencies
from core.fields import text_length_limit


class Region(models.Model):
    """A regional government (Pemda) that owns agencies."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", "Kabupaten"
        KOTA = "kota", "Kota"
        PROVINSI = "provinsi", "Provinsi"

    class NegativeMethod(models.TextChoices):
        GAP = "gap", "(2T - R) / T x 100"
        INVERSE = "inverse", "T / R x 100"

    name = models.CharField("nama", max_length=200, unique=True)
    slug = models.SlugField(unique=True)
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices, default=Kind.KABUPATEN)
    emblem = models.ImageField("lambang daerah", upload_to="emblems/", blank=True)
    negative_method = models.CharField(
        "rumus indikator polaritas negatif",
        max_length=10,
        choices=NegativeMethod.choices,
        default=NegativeMethod.GAP,
    )
    # The second party of every agency's Perjanjian Kinerja. Empty name: the PK shows
    # the title and an empty line, as a printed form would; it is never invented.
    head_name = models.CharField("nama kepala daerah", max_length=200, blank=True)
    head_title = models.CharField(
        "jabatan kepala daerah", max_length=100, blank=True, help_text="Mis. Bupati Pati. Kosong: menurut jenis daerah."
    )

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def head_title_or_default(self) -> str:
        """'Bupati Pati', 'Walikota Denpasar', 'Gubernur ...' from the kind and name."""
        if self.head_title:
            return self.head_title
        title = {self.Kind.KABUPATEN: "Bupati", self.Kind.KOTA: "Walikota", self.Kind.PROVINSI: "Gubernur"}
        place = self.name
        for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
            place = place.removeprefix(prefix)
        return f"{title.get(self.kind, 'Kepala Daerah')} {place}"


class AgencyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Agencies the user may read: all for superusers, their memberships otherwise."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user, memberships__unit_code="").distinct()

    def editable_by(self, user):
        """Agencies the user may change: all for superusers, operator memberships otherwise."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            memberships__user=user, memberships__role=Membership.Role.OPERATOR, memberships__unit_code=""
        ).distinct()


def first_data_version() -> int:
    """Where a new agency's data version starts: at random, so an agency created again
    with the same id (a database reset) never meets cache entries of the one before.
    Below 2**30: copies of the version are kept in 32-bit columns (WorkbookImport)."""
    return secrets.randbits(30)


class Agency(models.Model):
    """A government agency (OPD / Dinas) that reports one LKjIP a year."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agencies", verbose_name="pemda")
    name = models.CharField("nama instansi", max_length=255)
    slug = models.SlugField(unique=True)
    address = models.TextField("alamat", max_length=500, blank=True)
    phone = models.CharField("telepon/faks", max_length=100, blank=True)
    email = models.EmailField("email", blank=True)
    head_name = models.CharField("nama kepala", max_length=200, blank=True)
    head_rank = models.CharField("pangkat kepala", max_length=200, blank=True)
    head_nip = models.CharField("NIP kepala", max_length=30, blank=True)
    sign_place = models.CharField(
        "tempat penandatanganan",
        max_length=100,
        blank=True,
        help_text="Dipakai laporan yang tidak menyebut tempatnya sendiri; kosong = nama pemda.",
    )
    emblem = models.ImageField("lambang", upload_to="emblems/", blank=True)
    # Bumped after every committed change to the agency's data: cached pages key on it,
    # so a cache entry is never served after the data it was computed from changed.
    data_version = models.PositiveBigIntegerField(default=first_data_version, editable=False)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "instansi"
        verbose_name_plural = "instansi"
        ordering = ["name"]
        constraints = [text_length_limit("address", 500, "agency")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # data_version only moves by bump_data_version's SQL increment: a plain save must
        # not write back the number it loaded, which would undo a concurrent bump and
        # bring back a cache entry computed from older data.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "data_version"
            ]
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A user's role in one agency: operator (agency staff) or reviewer."""

    class Role(models.TextChoices):
        OPERATOR = "operator", "Operator"
        REVIEWER = "reviewer", "Reviewer"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name="instansi")
    role = models.CharField("peran", max_length=10, choices=Role.choices)
    # A unit head and their operator work on one unit of the agency (and the units under
    # it), not the agency: blank = the whole agency. A code ("1.2"), not a row, because
    # units are recorded per year and the scope outlives a year.
    unit_code = models.CharField(
        "khusus unit",
        max_length=20,
        blank=True,
        help_text="Kode unit organisasi (mis. 1.2): anggota hanya melihat dan mengubah data unit itu dan unit di "
        "bawahnya. Kosong = seluruh instansi.",
    )

    class Meta:
        verbose_name = "keanggotaan"
        verbose_name_plural = "keanggotaan"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="one_role_per_user_and_agency"),
            models.CheckConstraint(condition=Q(role__in=["operator", "reviewer"]), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} - {self.agency} ({self.get_role_display()})"


def covers_unit(scope_code: str, unit_code: str) -> bool:
    """Whether a membership scoped to unit `scope_code` reaches unit `unit_code` (the
    unit itself and every unit under it: "1.2" reaches "1.2" and "1.2.3", not "1.20")."""
    return unit_code == scope_code or unit_code.startswith(scope_code + ".")


class RegionMembership(models.Model):
    """A user's role in a region: Bappeda keeps the region's RPJMD and reads how every
    agency's sasaran supports it."""

    class Role(models.TextChoices):
        PLANNER = "bappeda", "Bappeda (perencana daerah)"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="region_memberships")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships", verbose_name="pemda")
    role = models.CharField("peran", max_length=10, choices=Role.choices, default=Role.PLANNER)

    class Meta:
        verbose_name = "keanggotaan pemda"
        verbose_name_plural = "keanggotaan pemda"
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="one_role_per_user_and_region")]

    def __str__(self):
        return f"{self.user} - {self.region} ({self.get_role_display()})"


class LockedYear(models.Model):
    """An agency-year whose data may not change: its report is under review (from
    "Diajukan" until returned) or final.

    Kept here, at the bottom of the app graph, so every app can ask; the review
    workflow (reports) decides when a year is locked and unlocked.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="locked_years")
    year = models.PositiveSmallIntegerField("tahun")
    locked_at = models.DateTimeField("dikunci", auto_now_add=True)

    class Reason(models.TextChoices):
        FINAL = "final", "Laporan final"
        UNDER_REVIEW = "review", "Laporan sedang direviu"

    reason = models.CharField("sebab", max_length=10, choices=Reason.choices, default=Reason.FINAL)

    class Meta:
        verbose_name = "tahun terkunci"
        verbose_name_plural = "tahun terkunci"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_lock_per_agency_year")]

    def __str__(self):
        return f"{self.agency} {self.year}"


def bump_data_version(agency_ids) -> None:
    """Invalidate every cached computation and cached page of these agencies."""
    ids = {i for i in agency_ids if i}
    if ids:
        Agency.objects.filter(pk__in=ids).update(data_version=models.F("data_version") + 1)
        forget_agencies(Agency.objects.filter(pk__in=ids).values_list("slug", flat=True))
