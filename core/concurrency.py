"""Two people editing the same form never undo each other, field by field.

Every tracked field carries, in a hidden input, the value it had when the page was
loaded (Django's `show_hidden_initial`). On save, with the stored row locked:

- a field the user did not change takes whatever is stored now, even if the page
  showed an older value (it is written back unchanged);
- a field the user changed is written, unless someone else changed it too since the
  page was loaded, to something else: that is a clash. Nothing is saved; the page
  shows both values, and its "loaded" value becomes the stored one, so saving again
  overwrites that field knowingly and nothing else.

Rows of a formset that someone else deleted are dropped when the user did not touch
them, and offered again as new rows when the user did.

The grid of targets and realizations has its own cell model (indicators.grid); this
module serves ordinary Django forms and model formsets.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError

UNTRACKED = {"id", "DELETE", "ORDER"}  # formset plumbing, not user data
VANISHED = object()  # the page's loaded value could not be read


@dataclass
class Clash:
    form: forms.BaseForm
    name: str
    stored: str  # the stored value as a person reads it


def track(*forms_or_formsets) -> None:
    """Make every field of the (bound or unbound) forms carry its loaded value. Only
    stored rows of a formset: a new row has nothing to compare with, and must count
    as changed whenever it is filled in."""
    for item in forms_or_formsets:
        for form in getattr(item, "initial_forms", [item]):
            for name, field in form.fields.items():
                if name not in UNTRACKED and not field.disabled:
                    field.show_hidden_initial = True


def merge_stored(form) -> list[Clash]:
    """Reconcile a bound form, whose `initial` is what is stored now (the instance was
    read under lock), with what the page loaded and what the user typed. Rewrites the
    form's (mutable) data: untouched fields get the stored value; clashing fields keep
    the typed value and get the stored one as their new loaded value."""
    clashes = []
    for name, field in form.fields.items():
        if not field.show_hidden_initial:
            continue
        bound = form[name]
        stored = form.get_initial_for_field(field, name)
        if bound.html_initial_name not in form.data:
            continue  # a form without the loaded values: the old rule, typed wins
        loaded = _loaded_value(form, bound)
        if loaded is VANISHED:
            continue
        typed_changed = field.has_changed(loaded, bound.data)
        stored_changed = field.has_changed(stored, _raw(form, bound.html_initial_name, field))
        if not typed_changed:
            _put(form.data, bound.html_name, field, stored)
            _put(form.data, bound.html_initial_name, field, stored)
        elif stored_changed and field.has_changed(stored, bound.data):
            clashes.append(Clash(form, name, describe(field, stored)))
            _put(form.data, bound.html_initial_name, field, stored)
    return clashes


def saved_without_clash(request, form, before_save=None) -> bool:
    """The whole rule for a view with one model form, inside the view's transaction
    (its instance read under lock): track, reconcile, validate, save. False when the
    page must be shown again (a GET, invalid input or a clash)."""
    if not ready_to_save(request, form, stored=bool(form.instance.pk)):
        return False
    if before_save:
        before_save(form.instance)
    form.save()
    return True


def ready_to_save(request, *forms_or_formsets, stored: bool, notes=(), renewed=False, invalid_message="") -> bool:
    """The rule for a view with forms and formsets, inside its transaction (stored rows
    read under lock): track, reconcile, validate and tell the user. True when the view
    may save now; False on a GET, invalid input, a clash, or a row that someone else
    deleted and the user must confirm (`renewed`, from drop_vanished_rows, whose
    `notes` are shown as warnings)."""
    if stored:
        track(*forms_or_formsets)
    if not forms_or_formsets[0].is_bound:
        return False
    clashes = merge(*forms_or_formsets) if stored else []
    valid = all([item.is_valid() for item in forms_or_formsets])  # noqa: C419 - validate all: every error shows
    report(clashes)
    for note in notes:
        messages.warning(request, note)
    if clashes:
        messages.error(request, clash_message(clashes))
    elif not valid and invalid_message:
        messages.error(request, invalid_message)
    return valid and not clashes and not renewed


def merge(*forms_or_formsets) -> list[Clash]:
    """merge_stored for every stored form given (formsets: each stored row)."""
    clashes = []
    for item in forms_or_formsets:
        clashes += merge_formset(item) if hasattr(item, "initial_forms") else merge_stored(item)
    return clashes


def merge_formset(formset) -> list[Clash]:
    """merge_stored for every stored row of the formset (new rows cannot clash)."""
    clashes = []
    for form in formset.initial_forms:
        if form.instance.pk:
            clashes += merge_stored(form)
    return clashes


def report(clashes: list[Clash]) -> None:
    """Put each clash next to its field, after validation."""
    for clash in clashes:
        clash.form.add_error(
            clash.name,
            f"Sejak halaman ini dibuka, pengguna lain mengubah isian ini menjadi «{clash.stored or '(kosong)'}». "
            "Isian Anda tetap tertulis di sini; tekan Simpan sekali lagi untuk menimpanya.",
        )


def clash_message(clashes: list[Clash]) -> str:
    return (
        f"{len(clashes)} isian diubah pengguna lain sejak halaman ini dibuka; tidak ada yang disimpan. "
        "Periksa isian yang ditandai."
    )


def drop_vanished_rows(data, prefix: str, existing_pks) -> tuple[list[str], list[str]]:
    """Before a model formset is built from `data`: rows that someone else deleted are
    dropped when the user left them as loaded (or deleted them too), and turned into
    new rows when the user changed them. Returns what to tell the user: (rows dropped,
    rows renewed); a renewed row must be confirmed by saving again."""
    existing = {str(pk) for pk in existing_pks}
    total, initial = _count(data, prefix, "TOTAL_FORMS"), _count(data, prefix, "INITIAL_FORMS")
    rows = [_row(data, prefix, i) for i in range(total)]
    kept, renewed, dropped_notes, renewed_notes = [], [], [], []
    for i, row in enumerate(rows):
        if i >= initial or row["fields"].get("id", [""])[0] in existing:
            kept.append(row)
        elif row["fields"].get("DELETE") or not _row_changed(row):
            dropped_notes.append(f"Satu baris yang Anda buka sudah dihapus pengguna lain (baris {i + 1}).")
        else:
            row["fields"].pop("id", None)
            row["initial"].clear()
            renewed.append(row)
            renewed_notes.append(
                f"Baris {i + 1} sudah dihapus pengguna lain; isian Anda ditampilkan sebagai baris baru. "
                "Simpan untuk menambahkannya kembali."
            )
    if not renewed and len(kept) == total:
        return [], []
    stored_rows = [r for r in kept if r["index"] < initial]
    new_rows = [r for r in kept if r["index"] >= initial]
    for i in range(total):
        for key in [k for k in data if k.startswith(f"{prefix}-{i}-") or k.startswith(f"initial-{prefix}-{i}-")]:
            del data[key]
    for i, row in enumerate([*stored_rows, *renewed, *new_rows]):
        for name, values in row["fields"].items():
            data.setlist(f"{prefix}-{i}-{name}", values)
        for name, values in row["initial"].items():
            data.setlist(f"initial-{prefix}-{i}-{name}", values)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(stored_rows) + len(renewed) + len(new_rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(len(stored_rows))
    return dropped_notes, renewed_notes


def describe(field, value) -> str:
    """A stored value as the person reads it in the form."""
    if value in (None, "", [], ()):
        return ""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(o) for o in field.queryset.filter(pk__in=[getattr(v, "pk", v) for v in value]))
    if isinstance(field, forms.ModelChoiceField):
        return str(field.queryset.filter(pk=getattr(value, "pk", value)).first() or "")
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    text = str(field.prepare_value(value))
    return text if len(text) <= 300 else f"{text[:300]}…"  # a long narrative: enough to recognise it


def _loaded_value(form, bound):
    try:
        return bound.field.to_python(_raw(form, bound.html_initial_name, bound.field))
    except ValidationError:
        return VANISHED


def _raw(form, key, field):
    return form._widget_data_value(field.hidden_widget(), key)


def _put(data, key, field, value) -> None:
    prepared = field.prepare_value(value)
    if isinstance(prepared, list | tuple):
        data.setlist(key, [str(v) for v in prepared])
    else:
        data[key] = "" if prepared is None else str(prepared)


def _count(data, prefix, name) -> int:
    try:
        return max(0, int(data.get(f"{prefix}-{name}", 0)))
    except ValueError:
        return 0


def _row(data, prefix, index) -> dict:
    start, loaded = f"{prefix}-{index}-", f"initial-{prefix}-{index}-"
    return {
        "index": index,
        "fields": {k[len(start) :]: data.getlist(k) for k in data if k.startswith(start)},
        "initial": {k[len(loaded) :]: data.getlist(k) for k in data if k.startswith(loaded)},
    }


def _row_changed(row) -> bool:
    for name, loaded in row["initial"].items():
        typed = row["fields"].get(name, [])
        if [v.strip() for v in typed] != [v.strip() for v in loaded]:
            return True
    return False
