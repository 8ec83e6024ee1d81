from django import template
from django.utils.html import format_html

from core.numbers import format_percent
from indicators import capaian as engine

register = template.Library()

BADGE = {
    engine.STATUS_EXCEEDED: "text-bg-success",
    engine.STATUS_MET: "text-bg-success",
    engine.STATUS_NOT_MET: "text-bg-danger",
}


@register.simple_tag
def capaian_badge(value):
    """The capaian as a badge coloured by its status; unknown says so, never 0 %."""
    status = engine.target_status(value)
    if value is None:
        return format_html(
            '<span class="badge text-bg-light border" data-status="unknown">{}</span>', "belum diketahui"
        )
    label = engine.STATUS_LABELS[status]
    return format_html(
        '<span class="badge {}" data-status="{}" title="{}">{}</span>',
        BADGE[status],
        status,
        label,
        format_percent(value),
    )


@register.filter
def goals_of(cascade, unit):
    return cascade.goals_of_unit(unit)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
