"""The sections of the LKjIP, in print order, and the chapter each prints in.

Shared by the narrative (reports.Section, one text per section) and the data tables an
agency places in a section (DataTable): both number what they print by chapter.
"""

from django.db import models


class SectionKey(models.TextChoices):
    KATA_PENGANTAR = "kata_pengantar", "Kata Pengantar"
    IKHTISAR = "ikhtisar", "Ikhtisar Eksekutif"
    LATAR_BELAKANG = "latar_belakang", "BAB I - Latar Belakang"
    MAKSUD_TUJUAN = "maksud_tujuan", "BAB I - Maksud dan Tujuan"
    DASAR_HUKUM = "dasar_hukum", "BAB I - Dasar Hukum"
    GAMBARAN_UMUM = "gambaran_umum", "BAB I - Gambaran Umum"
    ISU_STRATEGIS = "isu_strategis", "BAB I - Isu Strategis"
    SISTEMATIKA = "sistematika", "BAB I - Sistematika Penulisan"
    RENSTRA = "renstra", "BAB II - Rencana Strategis"
    PERJANJIAN_KINERJA = "perjanjian_kinerja", "BAB II - Perjanjian Kinerja"
    CAPAIAN_KINERJA = "capaian_kinerja", "BAB III - Capaian Kinerja Organisasi"
    ANALISIS_SASARAN = "analisis_sasaran", "BAB III - Analisis per Sasaran"
    REALISASI_ANGGARAN = "realisasi_anggaran", "BAB III - Realisasi Anggaran"
    PENUTUP = "penutup", "BAB IV - Penutup"


# The chapter each section prints in ("" for the front matter, whose pictures and
# tables would carry no number).
CHAPTER_OF = {
    SectionKey.KATA_PENGANTAR: "",
    SectionKey.IKHTISAR: "",
    SectionKey.LATAR_BELAKANG: "1",
    SectionKey.MAKSUD_TUJUAN: "1",
    SectionKey.DASAR_HUKUM: "1",
    SectionKey.GAMBARAN_UMUM: "1",
    SectionKey.ISU_STRATEGIS: "1",
    SectionKey.SISTEMATIKA: "1",
    SectionKey.RENSTRA: "2",
    SectionKey.PERJANJIAN_KINERJA: "2",
    SectionKey.CAPAIAN_KINERJA: "3",
    SectionKey.ANALISIS_SASARAN: "3",
    SectionKey.REALISASI_ANGGARAN: "3",
    SectionKey.PENUTUP: "4",
}

# A data table is numbered like every other table, so it goes only where tables carry
# a number: the chapters, not the front matter.
TABLE_SECTIONS = [(key, label) for key, label in SectionKey.choices if CHAPTER_OF[key]]
