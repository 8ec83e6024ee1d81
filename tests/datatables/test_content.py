"""Reading a data table from what an operator pastes or a workbook cell holds."""

import re
from decimal import Decimal

import pytest

from datatables import content


def test_rows_pasted_from_excel_are_split_on_tabs_and_keep_their_commas_and_pipes():
    columns, rows = content.parse("Uraian\t2019\t2020\nModal | sendiri\t1.234,5\t2.000\n")
    assert columns == ["Uraian", "2019", "2020"]
    assert rows == [["Modal | sendiri", "1.234,5", "2.000"]]


def test_typed_rows_use_pipes_and_a_markdown_rule_line_is_skipped():
    columns, rows = content.parse("| Tahun | Jumlah |\n|---|---:|\n| 2019 | 12 |\n\n| 2020 | 15 |")
    assert columns == ["Tahun", "Jumlah"]
    assert rows == [["2019", "12"], ["2020", "15"]]


def test_a_short_row_is_filled_with_empty_cells_and_a_blank_edge_is_dropped():
    columns, rows = content.parse("A\tB\tC\t\t\nx\t\t\n")
    assert columns == ["A", "B", "C"]
    assert rows == [["x", "", ""]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Isi tabel kosong"),
        ("A\tB", "belum berisi data"),
        ("A\tB\nx\ty\tz", "Baris 2 berisi 3 sel, padahal judul kolom hanya 2"),
        ("\t".join(f"K{n}" for n in range(11)) + "\n1", "11 kolom; paling banyak 10"),
        ("A\n" + "\n".join(str(n) for n in range(101)), "101 baris data; paling banyak 100"),
        ("A\n" + "x" * 201, "Baris 2: sebuah sel berisi 201 karakter"),
    ],
)
def test_what_does_not_fit_a_printed_table_is_refused_naming_the_line(text, message):
    with pytest.raises(content.TableRefused, match=re.escape(message)):
        content.parse(text)


def test_a_heading_row_without_any_heading_is_refused():
    with pytest.raises(content.TableRefused, match="judul kolom"):
        content.check(["", ""], [["x", "y"]])


def test_the_editing_text_reads_back_to_the_same_table():
    columns, rows = ["No", "Uraian", "2020"], [["1", "Koperasi", "1.082"], ["", "JUMLAH", ""]]
    assert content.parse(content.as_text(columns, rows)) == (columns, rows)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (1234567.5, "1.234.567,5"),
        (Decimal("0.25"), "0,25"),
        (1082, "1.082"),
        (2020, "2020"),  # a year
        (2020.0, "2020"),
        (2101, "2.101"),
        (None, ""),
        ("  1.234,5 ", "1.234,5"),  # text stays as typed
        (True, "Ya"),
    ],
)
def test_a_workbook_cell_prints_the_indonesian_way_and_a_year_stays_a_year(value, printed):
    assert content.cell_text(value) == printed


@pytest.mark.parametrize(
    ("cell", "numeric"),
    [("1.234,5", True), ("1234.5", True), ("-3", True), ("92.163.216.158.46", False), ("Unit", False), ("", False)],
)
def test_a_cell_that_reads_as_a_number_is_set_right_aligned(cell, numeric):
    assert content.is_number(cell) is numeric
