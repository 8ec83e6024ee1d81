"""Default predicate scales (docs/domain.md, "Predicates"), created by a data migration and by tests.

`apps` is the app registry to use: the historical one inside migrations.
"""

from decimal import Decimal

# The capaian categories of docs/domain.md (Permendagri 86/2017 style) are the default; the
# "Sangat Baik ... Sangat Kurang" scale some regions use is offered ready to assign.
SCALES = [
    (
        "Kategori capaian (Permendagri 86/2017)",
        True,
        [
            (Decimal(91), "Sangat Tinggi", "success"),
            (Decimal(76), "Tinggi", "primary"),
            (Decimal(66), "Sedang", "info"),
            (Decimal(51), "Rendah", "warning"),
            (None, "Sangat Rendah", "danger"),
        ],
    ),
    (
        "Sangat Baik - Sangat Kurang",
        False,
        [
            (Decimal("90.01"), "Sangat Baik", "success"),
            (Decimal(75), "Baik", "primary"),
            (Decimal(65), "Cukup", "info"),
            (Decimal(50), "Kurang", "warning"),
            (None, "Sangat Kurang", "danger"),
        ],
    ),
]


def create_scales(apps, schema_editor):
    PredicateScale = apps.get_model("indicators", "PredicateScale")
    PredicateBand = apps.get_model("indicators", "PredicateBand")
    for name, is_default, bands in SCALES:
        scale, _ = PredicateScale.objects.get_or_create(name=name, defaults={"is_default": is_default})
        for minimum, label, colour in bands:
            PredicateBand.objects.get_or_create(
                scale=scale, label=label, defaults={"minimum": minimum, "colour": colour}
            )
