"""Indicator values as people type and read them: the stored precision, a target cell
(a number, a range "80 - 90" or a grade) parsed and printed, with errors in Indonesian.

Used by the forms, the grid's writes, the workbook and the report alike.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms

from core.forms import IndonesianDecimalField
from core.numbers import NumberFormatError, format_number, parse_number

from . import capaian as engine

VALUE_PLACES = 4
VALUE_DIGITS = 18  # 14 whole digits: far beyond any indicator, inside the BIGINT store

_RANGE = re.compile(r"^\s*(\d[\d.,]*)\s*[-–]\s*(\d[\d.,]*)\s*$")


def value_field(label: str, **kwargs) -> IndonesianDecimalField:
    return IndonesianDecimalField(
        label=label, required=False, decimal_places=VALUE_PLACES, max_digits=VALUE_DIGITS, **kwargs
    )


def check_value(value: Decimal | None, label: str = "Nilai") -> Decimal | None:
    """The same limits as a typed value field, for numbers parsed from text."""
    if value is None:
        return None
    field = value_field(label)
    field.run_validators(value)
    field.validate(value)
    return value


class TargetValue:
    """A parsed target cell: a number, a range "80-90", or a grade."""

    def __init__(self, value=None, upper=None, grade=""):
        self.value, self.upper, self.grade = value, upper, grade

    @property
    def is_empty(self) -> bool:
        return self.value is None and not self.grade

    def __str__(self) -> str:
        if self.grade:
            return self.grade
        if self.value is None:
            return ""
        text = format_number(self.value, places=None)
        return f"{text} - {format_number(self.upper, places=None)}" if self.upper is not None else text


def parse_target(text: str, grade: bool, scale=engine.DEFAULT_GRADE_SCALE) -> TargetValue:
    """Text of a target cell -> TargetValue; raises ValidationError in Indonesian."""
    text = (text or "").strip()
    if not text:
        return TargetValue()
    if grade:
        if not engine.grade_on_scale(text, scale):
            raise forms.ValidationError(f"Predikat '{text}' tidak ada pada skala ({', '.join(scale)}).")
        return TargetValue(grade=text.upper())
    try:
        match = _RANGE.match(text)
        if match:
            low, high = (check_value(parse_number(part), "Target") for part in match.groups())
            if low > high:
                raise forms.ValidationError("Batas bawah rentang lebih besar dari batas atas.")
            return TargetValue(value=low, upper=high)
        return TargetValue(value=check_value(parse_number(text), "Target"))
    except NumberFormatError:
        raise forms.ValidationError("Isi angka (mis. 54 atau 13,83) atau rentang (mis. 80 - 90).") from None


def target_text(value, upper, grade) -> str:
    return str(TargetValue(value, upper, grade))
