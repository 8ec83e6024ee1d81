from django.db import migrations

SOURCES = [
    ("APBD", "Anggaran Pendapatan dan Belanja Daerah"),
    ("DAU", "Dana Alokasi Umum"),
    ("DAK", "Dana Alokasi Khusus"),
    ("DBHCHT", "Dana Bagi Hasil Cukai Hasil Tembakau"),
    ("PAJAK_ROKOK", "Pajak Rokok"),
    ("APBN", "Anggaran Pendapatan dan Belanja Negara"),
]


def create_sources(apps, schema_editor):
    FundingSource = apps.get_model("budget", "FundingSource")
    for code, name in SOURCES:
        FundingSource.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]
    operations = [migrations.RunPython(create_sources, migrations.RunPython.noop)]
