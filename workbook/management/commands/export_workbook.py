from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from workbook.export import export_workbook


class Command(BaseCommand):
    help = "Ekspor data satu instansi dan tahun ke workbook Excel (formatnya: docs/domain.md)."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--output", required=True)

    def handle(self, *args, agency, year, output, **options):
        found = Agency.objects.select_related("region").filter(slug=agency).first()
        if found is None:
            raise CommandError(f"Instansi '{agency}' tidak ditemukan.")
        data = export_workbook(found, year)
        with open(output, "wb") as handle:
            handle.write(data)
        self.stderr.write(f"Ditulis: {output}")
