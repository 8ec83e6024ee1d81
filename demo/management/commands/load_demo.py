from django.core.management.base import BaseCommand

from demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Muat data demo: LKjIP Pati 2020, Lumajang 2019, Denpasar 2019, dan pengguna demo."

    def handle(self, *args, **options):
        agencies = load_demo()
        for agency in agencies:
            self.stdout.write(f"Dimuat: {agency.slug} - {agency.name}")
        operators = ", ".join(f"operator-{a.slug}" for a in agencies)
        self.stdout.write(
            self.style.SUCCESS(
                f"Pengguna demo (kata sandi {DEMO_PASSWORD}): admin, reviewer, {operators}, bappeda-denpasar "
                "(RPJMD Kota Denpasar), operator-denpasar-umkm (hanya Bidang UMKM Denpasar)"
            )
        )
