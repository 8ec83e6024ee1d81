"""Indonesian number format: parse what people type and print what they read.

`1.234.567,89` (Indonesian) and `1234567.89` (plain) both parse; printing is always
Indonesian: `.` groups thousands and `,` marks decimals. Pure Python, no Django.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_INDONESIAN = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$|^[+-]?\d+,\d+$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED_PLAIN = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


class NumberFormatError(ValueError):
    """Text that is not a number in either accepted format."""


def parse_number(text: str | int | float | Decimal | None) -> Decimal | None:
    """Decimal from text typed by a person; None for an empty cell.

    A lone dot followed by exactly three digits (`1.234`) is read as Indonesian
    thousands: that is what an Indonesian user means, and plain input with three
    decimals is rare. `1.5` and `1234.5` are plain decimals.
    """
    if text is None:
        return None
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(str(text))
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.removeprefix("Rp").removeprefix("rp").removesuffix("%").strip()
    if cleaned in {"", "-"}:
        return None
    if _INDONESIAN.match(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _GROUPED_PLAIN.match(cleaned) and "." in cleaned:
        cleaned = cleaned.replace(",", "")
    elif not _PLAIN.match(cleaned):
        raise NumberFormatError(f"'{text}' bukan angka yang valid (contoh: 1.234.567,89 atau 1234567.89)")
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude it
        raise NumberFormatError(f"'{text}' bukan angka yang valid") from exc


def format_number(value: Decimal | int | None, places: int | None = 2, empty: str = "-") -> str:
    """`1.234.567,89`; `places=None` keeps the value's own decimals (trailing zeros dropped)."""
    if value is None:
        return empty
    value = Decimal(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    else:
        value = value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1))
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def format_percent(value: Decimal | None, places: int = 2) -> str:
    """`106,38 %`, or "-" when undefined."""
    if value is None:
        return "-"
    return f"{format_number(value, places)} %"


def format_rupiah(value: Decimal | int | None) -> str:
    """`Rp 5.765.539.000`; sen are printed only when there are any."""
    if value is None:
        return "-"
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return f"Rp {format_number(value, places)}"
