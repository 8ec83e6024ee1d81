from django.core.management.base import BaseCommand

from reports.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Muat data demo: LKjIP Pati 2020, Lumajang 2019, Denpasar 2019, dan pengguna demo."

    def handle(self, *args, **options):
        agencies = load_demo()
        for agency in agencies:
            self.stdout.write(f"Dimuat: {agency.slug} - {agency.name}")
        self.stdout.write(
            self.style.SUCCESS(
                "Pengguna demo (kata sandi %s): admin, reviewer, %s"
                % (DEMO_PASSWORD, ", ".join(f"operator-{a.slug}" for a in agencies))
            )
        )
