"""The criteria of the SAKIP evaluation (LKE), as versioned data.

A criteria set (e.g. PermenPAN-RB 88/2021) holds components → sub-components →
criteria with their weights, the answer scales and the value of each answer, and the
predicate bands. A set is never rewritten once an evaluation uses it: a new regulation,
or an admin's change, is a new version, so past scores and reports stay as they were.
"""

from __future__ import annotations

from decimal import Decimal

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
