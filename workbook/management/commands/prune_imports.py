from django.conf import settings
from django.core.management.base import BaseCommand

from workbook.pruning import prune_imports


class Command(BaseCommand):
    help = (
        "Hapus riwayat unggah workbook lama: tiap instansi menyimpan WORKBOOK_IMPORTS_KEEP unggahan terakhir "
        "dan semua yang lebih baru dari WORKBOOK_IMPORTS_DAYS hari."
    )

    def handle(self, *args, **options):
        deleted = prune_imports()
        self.stdout.write(
            f"{deleted} unggahan lama dihapus (disimpan: {settings.WORKBOOK_IMPORTS_KEEP} terakhir per instansi "
            f"dan {settings.WORKBOOK_IMPORTS_DAYS} hari terakhir)."
        )
