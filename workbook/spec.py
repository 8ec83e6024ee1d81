"""Sheet names, column headers and the fixed vocabularies of the workbook.

Headers are matched case-insensitively; extra columns are ignored. The optional
columns (Cara Hitung, Target Akhir Renstra, Target PK Perubahan) are written by our
export and read when present.
"""

from budget.models import BudgetItem, BudgetYear
from datatables.content import MAX_COLUMNS as TABLE_COLUMNS
from datatables.sections import TABLE_SECTIONS, SectionKey
from indicators import capaian as engine
from indicators.models import Goal, Indicator, IndicatorAnalysis
from organisation.models import OrgUnit, StaffCount

INSTANSI = "Instansi"
SASARAN = "Sasaran"
INDIKATOR = "Indikator"
TARGET = "Target"
REALISASI = "Realisasi"
ANGGARAN = "Anggaran"
ANALISIS = "Analisis"
TUGAS = "Tugas"
ORGANISASI = "Organisasi"
PEGAWAI = "Pegawai"
ASET = "Aset"
TABEL_DATA = "Tabel Data"
ISI_TABEL = "Isi Tabel"
SASARAN_UNIT = "Sasaran Unit"
INDIKATOR_UNIT = "Indikator Unit"
RENCANA_AKSI = "Rencana Aksi"
PK_UNIT = "PK Unit"
TARGET_PK_UNIT = "Target PK Unit"
RENCANA_AKSI_IKU = "Rencana Aksi IKU"

HEADERS = {
    INSTANSI: ["Kolom", "Nilai"],
    SASARAN: ["Kode", "Jenis", "Kode Induk", "Uraian"],
    INDIKATOR: [
        "Kode",
        "Kode Sasaran",
        "Nama",
        "Satuan",
        "Polaritas",
        "Jenis Nilai",
        "Kumulatif",
        "Rekap Triwulan",
        "Formula",
        "Pembilang",
        "Penyebut",
        "Sumber Data",
        "Penanggung Jawab",
    ],
    TARGET: ["Kode Indikator", "Tahun", "Target Renstra", "Target PK"],
    REALISASI: ["Kode Indikator", "Tahun", "Periode", "Realisasi", "Nilai Pembilang", "Nilai Penyebut", "Keterangan"],
    ANGGARAN: [
        "Kode",
        "Jenis",
        "Kode Induk",
        "Nama",
        "Kode Sasaran",
        "Indikator",
        "Satuan",
        "Target",
        "Realisasi Kinerja",
        "Sumber Dana",
        "Pagu",
        "Realisasi Anggaran",
        "Realisasi TW1",
        "Realisasi TW2",
        "Realisasi TW3",
        "Realisasi TW4",
    ],
}
HEADERS[ANALISIS] = [
    "Kode Indikator",
    "Tahun",
    "Standar",
    "Tingkat Standar",
    "Sumber Standar",
    "Tahun Standar",
    "Penyebab",
    "Kendala",
    "Solusi",
]
# BAB I's profile of the agency in the workbook's year (workbook/organisation_sheets.py).
HEADERS[TUGAS] = ["Jenis", "Uraian"]
HEADERS[ORGANISASI] = ["Kode", "Kode Induk", "Nama Unit", "Eselon", "Nama Pejabat", "Pangkat/Golongan", "NIP"]
HEADERS[PEGAWAI] = ["Menurut", "Kelompok", "Jumlah"]
HEADERS[ASET] = ["Nama Barang", "Jumlah", "Kondisi", "Keterangan"]
# Data tables placed in the report's sections (workbook/datatable_sheets.py): one row per
# table, and its cells in Isi Tabel, a "Judul Kolom" row then one row per data row.
HEADERS[TABEL_DATA] = ["Kode Tabel", "Bagian", "Kode Sasaran", "Judul", "Satuan", "Sumber", "Urutan"]
HEADERS[ISI_TABEL] = ["Kode Tabel", "Baris", *(f"Kolom {n}" for n in range(1, TABLE_COLUMNS + 1))]
# The cascade inside the agency (workbook/cascade_sheets.py): the units' sasaran (under
# a sasaran strategis for eselon III, under a unit sasaran for eselon IV) with the budget
# lines that serve them, their indicators, the four quarters of Rencana Aksi, and each
# unit's PK (revision 0, then each PK Perubahan) with the targets it promises.
HEADERS[SASARAN_UNIT] = ["Kode", "Kode Unit", "Kode Induk", "Uraian", "Urutan", "Kode Anggaran"]
HEADERS[INDIKATOR_UNIT] = [
    "Kode Sasaran Unit",
    "Kode",
    "Nama",
    "Satuan",
    "Polaritas",
    "Rekap Triwulan",
    "Target Tahunan",
    "Urutan",
]
HEADERS[RENCANA_AKSI] = ["Kode Sasaran Unit", "Kode Indikator", "Triwulan", "Target", "Rencana Aksi", "Realisasi"]
HEADERS[PK_UNIT] = [
    "Kode Unit",
    "Perubahan Ke",
    "Alasan Perubahan",
    "Nama Pihak Pertama",
    "Jabatan Pihak Pertama",
    "Pangkat Pihak Pertama",
    "NIP Pihak Pertama",
    "Nama Pihak Kedua",
    "Jabatan Pihak Kedua",
    "Pangkat Pihak Kedua",
    "NIP Pihak Kedua",
    "Tempat",
    "Tanggal",
]
HEADERS[TARGET_PK_UNIT] = ["Kode Unit", "Perubahan Ke", "Kode Sasaran Unit", "Kode Indikator", "Target"]
CASCADE_SHEETS = [SASARAN_UNIT, INDIKATOR_UNIT, RENCANA_AKSI, PK_UNIT, TARGET_PK_UNIT]
# The Rencana Aksi of the agency's own indicators (the head's PK) in the workbook's year:
# the quarters' targets and actions (their realisations are in the Realisasi sheet).
HEADERS[RENCANA_AKSI_IKU] = ["Kode Indikator", "Triwulan", "Target", "Rencana Aksi"]
# Sheets a workbook may lack (files made before the sheet existed): nothing of theirs
# is read, changed or deleted then.
OPTIONAL_SHEETS = {ANALISIS, TUGAS, ORGANISASI, PEGAWAI, ASET, TABEL_DATA, ISI_TABEL, *CASCADE_SHEETS, RENCANA_AKSI_IKU}
OPTIONAL = {
    # The RPJMD sasaran an agency sasaran supports (cascade.GoalSupport), by its code.
    SASARAN: ["Kode Sasaran RPJMD"],
    INDIKATOR: ["Cara Hitung", "Target Akhir Renstra", "Boleh Negatif"],
    TARGET: ["Target PK Perubahan"],
}
SHEETS = list(HEADERS)

INSTANSI_KEYS = [
    "Nama Instansi",
    "Pemda",
    "Alamat",
    "Nama Kepala",
    "Pangkat Kepala",
    "NIP Kepala",
    "Periode Renstra",
    "Visi",
    "Batas Capaian Rata-rata",
    "Nomenklatur Anggaran",
]
NOMENCLATURE_KEY = "Nomenklatur Anggaran"
# With or without the belanja langsung / tidak langsung split; "Otomatis" follows the year.
NOMENCLATURE = {
    "Otomatis": "",
    "BL/BTL": BudgetYear.Nomenclature.SPLIT,
    "Permendagri 90/2019": BudgetYear.Nomenclature.PERMENDAGRI_90,
}
MEAN_CAP_KEY = "Batas Capaian Rata-rata"
# Each capaian counts at most this much in the means (a setting of the region).
MEAN_CAP = {"Tanpa batas": None, "100": 100, "110": 110, "120": 120, "150": 150}
MISI = "Misi"

GOAL_KIND = {"Tujuan": Goal.Kind.TUJUAN, "Sasaran": Goal.Kind.SASARAN}
POLARITY = {"Positif": engine.POSITIVE, "Negatif": engine.NEGATIVE}
VALUE_KIND = {"Angka": Indicator.ValueKind.NUMBER, "Predikat": Indicator.ValueKind.GRADE}
YES_NO = {"Ya": True, "Tidak": False}
ROLLUP = {"Jumlah": engine.ROLLUP_SUM, "Terakhir": engine.ROLLUP_LAST, "Rata-rata": engine.ROLLUP_AVERAGE}
CALCULATION = {"Langsung": engine.CALC_DIRECT, "Rasio": engine.CALC_RATIO, "Pertumbuhan": engine.CALC_GROWTH}
PERIOD = {"Tahunan": None, "TW1": 1, "TW2": 2, "TW3": 3, "TW4": 4}
STANDARD_LEVEL = {label: value for value, label in IndicatorAnalysis.Level.choices}
DUTY_KIND = {"Dasar Pembentukan": "legal_basis", "Tugas Pokok": "duty", "Fungsi": "functions"}
ESELON = {value: value for value in OrgUnit.Level.values}
STAFF_CATEGORY = {label: value for value, label in StaffCount.Category.choices}
# A Pegawai row with this group records the total the agency printed (checked, never used).
PRINTED_TOTAL = "Jumlah tercetak"
# Short words for the sections (an Excel drop-down list holds at most 255 characters);
# the report's own labels ("BAB I - Latar Belakang") are read too.
SECTION_WORDS = {
    "I Latar Belakang": SectionKey.LATAR_BELAKANG,
    "I Maksud dan Tujuan": SectionKey.MAKSUD_TUJUAN,
    "I Dasar Hukum": SectionKey.DASAR_HUKUM,
    "I Gambaran Umum": SectionKey.GAMBARAN_UMUM,
    "I Isu Strategis": SectionKey.ISU_STRATEGIS,
    "I Sistematika": SectionKey.SISTEMATIKA,
    "II Renstra": SectionKey.RENSTRA,
    "II Perjanjian Kinerja": SectionKey.PERJANJIAN_KINERJA,
    "III Capaian Kinerja": SectionKey.CAPAIAN_KINERJA,
    "III Analisis Sasaran": SectionKey.ANALISIS_SASARAN,
    "III Realisasi Anggaran": SectionKey.REALISASI_ANGGARAN,
    "IV Penutup": SectionKey.PENUTUP,
}
SECTION = SECTION_WORDS | {str(label): key for key, label in TABLE_SECTIONS}
# Isi Tabel: the row holding a table's column headings.
HEADINGS_ROW = "Judul Kolom"
LEVEL = {
    "Program": BudgetItem.Level.PROGRAM,
    "Kegiatan": BudgetItem.Level.KEGIATAN,
    "Sub Kegiatan": BudgetItem.Level.SUB_KEGIATAN,
    "Tidak Dirinci": BudgetItem.Level.UNITEMIZED,
}

# Drop-downs in the exported workbook and the template: (sheet, header) -> choices.
VOCABULARIES = {
    (SASARAN, "Jenis"): list(GOAL_KIND),
    (INDIKATOR, "Polaritas"): list(POLARITY),
    (INDIKATOR, "Jenis Nilai"): list(VALUE_KIND),
    (INDIKATOR, "Kumulatif"): list(YES_NO),
    (INDIKATOR, "Rekap Triwulan"): list(ROLLUP),
    (INDIKATOR, "Cara Hitung"): list(CALCULATION),
    (INDIKATOR, "Boleh Negatif"): list(YES_NO),
    (REALISASI, "Periode"): list(PERIOD),
    (ANGGARAN, "Jenis"): list(LEVEL),
    (ANALISIS, "Tingkat Standar"): list(STANDARD_LEVEL),
    (TUGAS, "Jenis"): list(DUTY_KIND),
    (ORGANISASI, "Eselon"): list(ESELON),
    (PEGAWAI, "Menurut"): list(STAFF_CATEGORY),
    (TABEL_DATA, "Bagian"): list(SECTION_WORDS),
    (INDIKATOR_UNIT, "Polaritas"): list(POLARITY),
    (INDIKATOR_UNIT, "Rekap Triwulan"): list(ROLLUP),
}

# Columns holding money or values: formatted `#,##0.##` for people.
NUMBER_COLUMNS = {
    (TARGET, "Target Renstra"),
    (TARGET, "Target PK"),
    (TARGET, "Target PK Perubahan"),
    (REALISASI, "Realisasi"),
    (REALISASI, "Nilai Pembilang"),
    (REALISASI, "Nilai Penyebut"),
    (INDIKATOR, "Target Akhir Renstra"),
    (ANGGARAN, "Target"),
    (ANGGARAN, "Realisasi Kinerja"),
    (ANGGARAN, "Pagu"),
    (ANGGARAN, "Realisasi Anggaran"),
    (ANGGARAN, "Realisasi TW1"),
    (ANGGARAN, "Realisasi TW2"),
    (ANGGARAN, "Realisasi TW3"),
    (ANGGARAN, "Realisasi TW4"),
    (ANALISIS, "Standar"),
    (INDIKATOR_UNIT, "Target Tahunan"),
    (RENCANA_AKSI, "Target"),
    (RENCANA_AKSI, "Realisasi"),
    (TARGET_PK_UNIT, "Target"),
    (RENCANA_AKSI_IKU, "Target"),
}


def columns(sheet: str) -> list[str]:
    return HEADERS[sheet] + OPTIONAL.get(sheet, [])


def label_of(mapping: dict, value) -> str:
    """The workbook word for a stored value (e.g. 'positive' -> 'Positif')."""
    return next((label for label, stored in mapping.items() if stored == value), "")
