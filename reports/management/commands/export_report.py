import json
import sys

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from reports.document import build_document
from reports.json_export import report_data
from reports.pdf import html_to_pdf
from reports.render import render_document


class Command(BaseCommand):
    help = "Ekspor LKjIP satu instansi dan tahun sebagai PDF, HTML (satu berkas mandiri) atau JSON."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="slug instansi, mis. pati")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", required=True, choices=["pdf", "html", "json"])
        parser.add_argument("--output", help="berkas tujuan; tanpa ini ke standard output")

    def handle(self, *args, agency, year, format, output, **options):
        try:
            found = Agency.objects.select_related("region").get(slug=agency)
        except Agency.DoesNotExist:
            raise CommandError(f"Instansi '{agency}' tidak ditemukan.") from None
        doc = build_document(found, year)
        if format == "json":
            data = (json.dumps(report_data(doc), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        else:
            html = render_document(doc)
            data = html_to_pdf(html) if format == "pdf" else html.encode("utf-8")
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
            self.stderr.write(f"Ditulis: {output} ({len(data):,} byte)".replace(",", "."))
        else:
            sys.stdout.buffer.write(data)
