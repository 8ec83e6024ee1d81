"""A copy of an uploaded workbook with every bad cell highlighted and commented,
plus a sheet 'Galat' listing all errors, so the user fixes the file in place."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from .reader import Issue

BAD = PatternFill("solid", fgColor="F8C9C9")


def annotate(data: bytes, issues: list[Issue]) -> bytes | None:
    """None when the file could not be opened as a workbook at all."""
    try:
        workbook = load_workbook(BytesIO(data))
    except Exception:  # noqa: BLE001 - any unreadable file simply gets no annotated copy
        return None
    by_name = {name.lower(): name for name in workbook.sheetnames}
    for issue in issues:
        sheet_name = by_name.get(issue.sheet.lower())
        if not sheet_name or not issue.row:
            continue
        sheet = workbook[sheet_name]
        cell = sheet.cell(row=issue.row, column=issue.column_index or 1)
        cell.fill = BAD
        previous = cell.comment.text + "\n" if cell.comment else ""
        cell.comment = Comment(previous + issue.message, "LKjIP", width=320, height=120)
    if "Galat" in workbook.sheetnames:
        del workbook["Galat"]
    report = workbook.create_sheet("Galat", 0)
    report.append(["Sheet", "Baris", "Kolom", "Alasan"])
    for cell in report[1]:
        cell.font = Font(bold=True)
    for issue in issues:
        report.append([issue.sheet, issue.row, issue.column, issue.message])
    report.column_dimensions["D"].width = 100
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
