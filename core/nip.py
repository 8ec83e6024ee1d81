"""The NIP (Nomor Induk Pegawai) of a civil servant: 18 digits, stored without spaces,
printed as letters print it (19610804 198603 1 019)."""

from django import forms

INVALID = "NIP terdiri dari 18 angka."


def normalised_nip(value: str) -> str:
    """The NIP without spaces; raises ValidationError unless empty or 18 digits."""
    nip = "".join((value or "").split())
    if nip and not is_nip(nip):
        raise forms.ValidationError(INVALID)
    return nip


def is_nip(value: str) -> bool:
    return len(value) == 18 and value.isdigit()


def format_nip(value: str) -> str:
    """19610804 198603 1 019 (birth date, appointment, sex, number); other text as stored."""
    digits = "".join((value or "").split())
    if is_nip(digits):
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return value
