"""Who changed what, when, and through which path (web page, Excel import, admin,
management command): the shared part of the audit trail (django-simple-history)."""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.db import models

_via = contextvars.ContextVar("audit_via", default="")

VIA_LABELS = {
    "admin": "Admin Django",
    "web:grid": "Tabel target & realisasi",
    "web:workbook": "Impor Excel (web)",
    "command:import_workbook": "Impor Excel (perintah)",
    "command:load_demo": "Data demo",
}


def current_via() -> str:
    return _via.get()


def via_label(via: str) -> str:
    if via in VIA_LABELS:
        return VIA_LABELS[via]
    if via.startswith("web:"):
        return f"Halaman web ({via[4:]})"
    if via.startswith("command:"):
        return f"Perintah {via[8:]}"
    return via or "-"


@contextmanager
def audit_via(label: str):
    """Record changes made inside the block as made through `label`."""
    token = _via.set(label)
    try:
        yield
    finally:
        _via.reset(token)


class AuditedChange(models.Model):
    """Base of every historical record: adds the path the change came through."""

    via = models.CharField("melalui", max_length=100, blank=True)

    class Meta:
        abstract = True


def fill_via(sender, history_instance, **kwargs):
    """pre_create_historical_record receiver: stamp the path on the record."""
    if hasattr(history_instance, "via") and not history_instance.via:
        history_instance.via = current_via()


class AuditViaMiddleware:
    """Stamps changes made during a request with the view (or admin) that made them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _via.set("web")
        try:
            return self.get_response(request)
        finally:
            _via.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None:
            _via.set("admin" if match.namespace == "admin" else f"web:{match.url_name}")


def bulk_create_audited(model, objs) -> list:
    """bulk_create that also writes the audit trail (plain bulk_create skips it)."""
    from simple_history.models import HistoricalRecords
    from simple_history.utils import bulk_create_with_history

    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return bulk_create_with_history(
        list(objs),
        model,
        default_user=user if getattr(user, "is_authenticated", False) else None,
        custom_historical_attrs={"via": current_via()},
    )
