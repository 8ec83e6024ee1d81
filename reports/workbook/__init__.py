"""The agency-year workbook of LKJIP.md: one format for export, template and import."""
