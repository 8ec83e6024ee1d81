from decimal import Decimal as D

import pytest

from core.forms import IndonesianDecimalField
from core.numbers import NumberFormatError, format_number, format_percent, format_rupiah, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234.567,89", D("1234567.89")),
        ("1234567.89", D("1234567.89")),
        ("1234567,89", D("1234567.89")),
        ("1.234", D("1234")),
        ("1.5", D("1.5")),
        ("13,83", D("13.83")),
        ("0,10", D("0.10")),
        ("-5,5", D("-5.5")),
        ("Rp 5.765.539.000", D("5765539000")),
        ("106,38 %", D("106.38")),
        ("1,234,567.89", D("1234567.89")),
        (" 42 ", D("42")),
    ],
)
def test_parses_indonesian_and_plain_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "  ", "-", None])
def test_empty_is_none_not_zero(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["abc", "12a", "1..2", "1,2,3", "1.23.4"])
def test_rejects_text_with_indonesian_message(text):
    with pytest.raises(NumberFormatError, match="bukan angka"):
        parse_number(text)


def test_formats_indonesian_style():
    assert format_number(D("1234567.891")) == "1.234.567,89"
    assert format_number(D("106.375")) == "106,38"
    assert format_number(D("2025"), 0) == "2.025"
    assert format_number(D("-1234.5")) == "-1.234,50"
    assert format_number(D("13.8300"), None) == "13,83"
    assert format_number(D("25611.0000"), None) == "25.611"
    assert format_number(None) == "-"


def test_formats_percent_and_rupiah():
    assert format_percent(D("82.2")) == "82,20 %"
    assert format_percent(None) == "-"
    assert format_rupiah(D("5765539000")) == "Rp 5.765.539.000"
    assert format_rupiah(D("92163216158.46")) == "Rp 92.163.216.158,46"


def test_form_field_accepts_both_formats_and_explains_errors_in_indonesian():
    field = IndonesianDecimalField(decimal_places=2, max_digits=18, required=False)
    assert field.clean("1.234.567,89") == D("1234567.89")
    assert field.clean("1234567.89") == D("1234567.89")
    assert field.clean("") is None
    with pytest.raises(Exception, match="Masukkan angka"):
        field.clean("seratus")
    with pytest.raises(Exception, match="di belakang koma"):
        field.clean("1,234")
