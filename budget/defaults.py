"""Default funding sources, created by a data migration and by tests."""

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
