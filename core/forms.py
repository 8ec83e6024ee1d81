from decimal import Decimal

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .numbers import NumberFormatError, format_number, parse_number


class IndonesianDecimalField(forms.DecimalField):
    """Accepts `1.234.567,89` as well as `1234567.89`; errors in Indonesian."""

    default_error_messages = {
        "invalid": "Masukkan angka, misalnya 1.234.567,89 atau 1234567.89.",
        "max_decimal_places": "Paling banyak %(max)s angka di belakang koma.",
        "max_digits": "Angka terlalu panjang (paling banyak %(max)s digit).",
        "max_whole_digits": "Angka terlalu besar.",
    }

    def __init__(self, *args, **kwargs):
        kwargs.pop("localize", None)
        super().__init__(*args, **kwargs)
        # The browser must not refuse Indonesian input before we see it.
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_number(value)
        except NumberFormatError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_number(value, places=None)
        return value

    def widget_attrs(self, widget):
        # Skip NumberInput's step/min/max attributes: the widget is a text input.
        return forms.Field.widget_attrs(self, widget)


class IndonesianCountField(IndonesianDecimalField):
    """A count of people or things: a whole number, `1.234` or `1234`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(*args, **kwargs)
        self.widget.attrs["inputmode"] = "numeric"

    def to_python(self, value):
        number = super().to_python(value)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise forms.ValidationError("Tulis bilangan bulat, misalnya 12.", code="invalid")
        return int(number)

    def prepare_value(self, value):
        return format_number(value, places=0) if isinstance(value, int) else value

    def validate(self, value):
        forms.Field.validate(self, value)

    def run_validators(self, value):
        if value is not None and value < 0:
            raise forms.ValidationError("Jumlah tidak boleh negatif.", code="min_value")


class IndonesianDateField(forms.DateField):
    """A date written as Indonesians write it, 31/12/2020 (also 31-12-2020 and the ISO
    2020-12-31), with a date picker in Indonesian (static/js/datepicker.js, offline)."""

    input_formats = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
    default_error_messages = {"invalid": "Tulis tanggal sebagai hh/bb/tttt, misalnya 31/12/2020."}

    def __init__(self, *args, **kwargs):
        kwargs.pop("localize", None)
        super().__init__(*args, input_formats=self.input_formats, **kwargs)
        self.widget = forms.DateInput(
            format="%d/%m/%Y",
            attrs={"data-datepicker": "", "placeholder": "hh/bb/tttt", "autocomplete": "off", "inputmode": "numeric"},
        )
        self.help_text = self.help_text or "hh/bb/tttt, misalnya 31/12/2020"


class LoginForm(AuthenticationForm):
    """Django's login form with its refusal in plain Indonesian: the translated
    message names the field twice ("nama pengguna nama pengguna")."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil.",
        "inactive": "Akun ini tidak aktif. Hubungi administrator.",
    }
