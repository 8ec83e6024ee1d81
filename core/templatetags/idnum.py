"""Template filters that print numbers Indonesian style (see core/numbers.py)."""

from django import template

from core.numbers import format_number, format_percent, format_rupiah

register = template.Library()


@register.filter
def angka(value, places=2):
    """1.234.567,89; `angka:0` for whole numbers; "-" when undefined."""
    return format_number(value, None if places == "auto" else int(places))


@register.filter
def persen(value, places=2):
    return format_percent(value, int(places))


@register.filter
def rupiah(value):
    return format_rupiah(value)
