"""Exact decimal storage on every database.

SQLite keeps `DecimalField` as a float (999999999999999.99 came back as
1000000000000000.00 and `Sum()` returned a float), so exact values are stored as whole
multiples of 10^-decimal_places in a BIGINT and handed to Python as `Decimal`.
Sums in SQL are then integer sums: exact on SQLite and PostgreSQL alike.
"""

from decimal import Decimal

from django import forms
from django.core import validators
from django.db import models

BIGINT_MAX = 9223372036854775807


class ScaledDecimalField(models.BigIntegerField):
    """A `Decimal` stored as an integer count of its smallest unit (e.g. sen)."""

    description = "Exact decimal stored as a scaled integer"

    def __init__(self, *args, decimal_places: int = 2, **kwargs):
        self.decimal_places = decimal_places
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["decimal_places"] = self.decimal_places
        return name, path, args, kwargs

    @property
    def largest(self) -> Decimal:
        return Decimal(BIGINT_MAX).scaleb(-self.decimal_places).to_integral_value(rounding="ROUND_FLOOR")

    @property
    def validators(self):
        # BigIntegerField's own range validators compare against the scaled integer;
        # ours speak in the user's units and language.
        limit = self.largest
        return [
            *self._validators,
            validators.MaxValueValidator(
                limit, message=f"Nilai terlalu besar (paling besar {limit:,}).".replace(",", ".")
            ),
            validators.MinValueValidator(-limit, message="Nilai terlalu kecil."),
        ]

    def get_internal_type(self):
        return "BigIntegerField"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.decimal_places)

    def to_python(self, value):
        if value is None or isinstance(value, Decimal):
            return value
        return forms.DecimalField().to_python(str(value))

    def get_prep_value(self, value):
        if value is None:
            return None
        if hasattr(value, "resolve_expression"):
            return value
        scaled = Decimal(value).scaleb(self.decimal_places)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.decimal_places} decimal places")
        return int(scaled)

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return value

    def formfield(self, **kwargs):
        from .forms import IndonesianDecimalField

        defaults = {
            "form_class": IndonesianDecimalField,
            "decimal_places": self.decimal_places,
            "max_digits": 18,
        }
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)


class MoneyField(ScaledDecimalField):
    """Rupiah with sen: two decimal places."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)


class ValueField(ScaledDecimalField):
    """An indicator value (target, realization, numerator): four decimal places."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("decimal_places", 4)
        super().__init__(*args, **kwargs)


def text_length_limit(field_name: str, limit: int, model_label: str) -> models.CheckConstraint:
    """A database check that a text column holds at most `limit` characters: a
    TextField's max_length is only checked by forms, and imports and the admin must
    not store a 2 000-character name either."""
    from django.db.models.functions import Length
    from django.db.models.lookups import LessThanOrEqual

    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field_name), limit), name=f"{model_label}_{field_name}_at_most_{limit}"
    )
