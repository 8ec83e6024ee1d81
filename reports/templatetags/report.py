from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def css_string(value) -> str:
    """Text for a double-quoted CSS string inside <style>, printed exactly as typed.

    Inside <style> the HTML parser decodes no entities, so the text must not be
    HTML-escaped (an "&" would print as "&amp;"); CSS escapes keep quotes, backslashes
    and "<" (which could close the style element) from ending anything early.
    """
    text = " ".join(str(value).split())
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace(">", "\\3E ")
    return mark_safe(text)  # noqa: S308 - escaped for CSS above


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
