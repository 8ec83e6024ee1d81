from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def css_string(value) -> str:
    """Text safe inside a double-quoted CSS string."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return " ".join(text.split())


@register.simple_tag
def narrative(text):
    """A narrative block; text generated from data is marked as such on screen."""
    if text.generated:
        return format_html(
            '<div class="generated"><span class="generated-badge">Teks otomatis dari data</span>{}</div>', text.html
        )
    return format_html('<div class="written">{}</div>', text.html)


@register.filter
def get(mapping, key):
    return mapping.get(key)
