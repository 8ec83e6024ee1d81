"""How a budget amount reads in a table: a partial realisasi says so next to it."""

from django import template
from django.utils.html import format_html

from core.numbers import format_number

register = template.Library()


@register.filter
def realisasi(money):
    """The realisasi of a line, a group or a total (a `Money`); "-" when unknown, and
    the count of lines still without realisasi when the sum is partial."""
    text = format_number(money.realisasi, 0)
    if money.is_partial:
        return format_html('{}<br><small class="partial">{}</small>', text, money.partial_note)
    return text
