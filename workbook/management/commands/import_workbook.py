from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.audit import audit_via
from workbook.changes import KIND
from workbook.importer import import_workbook


class Command(BaseCommand):
    help = (
        "Impor workbook Excel ke satu instansi dan tahun, semua atau tidak sama sekali. Instansi dibuat dari "
        "sheet Instansi bila slug belum ada."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", required=True, help="slug instansi")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument(
            "--replace", action="store_true", help="hapus data tahun/Renstra ini yang tidak tercantum di berkas"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="tampilkan apa yang akan berubah, tanpa menyimpan apa pun"
        )

    def handle(self, *args, file, agency, year, replace, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas {file} tidak ada.")
        with audit_via("command:import_workbook"):
            result = import_workbook(path.read_bytes(), year, slug=agency, replace=replace, dry_run=dry_run)
        for note in result.notes:
            self.stdout.write(f"Catatan: {note}")
        if not result.ok:
            for issue in result.errors:
                self.stderr.write(f"Galat: {issue}")
            raise CommandError(f"{result.error_count} galat; tidak ada yang disimpan.")
        for change in result.changes.changes:
            values = "; ".join(f"{label}: {old} -> {new}" for label, old, new in change.fields)
            self.stdout.write(f"{change.sheet}: {change.row} {KIND[change.kind]}{': ' + values if values else ''}")
        if result.changes.total > len(result.changes.changes):
            self.stdout.write(f"... dan {result.changes.total - len(result.changes.changes)} perubahan lain.")
        if dry_run:
            self.stdout.write(f"Uji coba (tidak ada yang disimpan) untuk {agency} {year}: {result.changes.sentence()}.")
            return
        self.stdout.write(self.style.SUCCESS(f"Diimpor ke {result.agency.slug} {year}: {result.changes.sentence()}."))
