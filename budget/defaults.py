"""Default funding sources (what regional budgets use), created by data migrations and
by tests. Admins add more, for all regions or for one."""

# A line whose source the data does not say: never guessed.
UNSPECIFIED = "Tidak disebut"

SOURCES = [
    ("APBD", "Anggaran Pendapatan dan Belanja Daerah"),
    ("PAD", "Pendapatan Asli Daerah"),
    ("DAU", "Dana Alokasi Umum"),
    ("DAK", "Dana Alokasi Khusus"),
    ("DAK_FISIK", "DAK Fisik"),
    ("DAK_NON_FISIK", "DAK Non Fisik"),
    ("DBH", "Dana Bagi Hasil"),
    ("DBHCHT", "Dana Bagi Hasil Cukai Hasil Tembakau"),
    ("DID", "Dana Insentif Daerah"),
    ("PAJAK_ROKOK", "Pajak Rokok"),
    ("BOS", "Bantuan Operasional Sekolah"),
    ("BLUD", "Badan Layanan Umum Daerah"),
    ("JKN_KAPITASI", "JKN Kapitasi"),
    ("BANKEU_PROV", "Bantuan Keuangan Provinsi"),
    ("DANA_DESA", "Dana Desa"),
    ("APBN", "Anggaran Pendapatan dan Belanja Negara"),
    ("APBN_DEKON", "APBN Dekonsentrasi"),
    ("APBN_TP", "APBN Tugas Pembantuan"),
    ("PHLN", "Pinjaman dan Hibah Luar Negeri"),
    ("HIBAH", "Hibah"),
    (UNSPECIFIED, "Sumber dana tidak disebut dalam data"),
]


def create_sources(apps, schema_editor):
    FundingSource = apps.get_model("budget", "FundingSource")
    for code, name in SOURCES:
        FundingSource.objects.get_or_create(code=code, defaults={"name": name})
