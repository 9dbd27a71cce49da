"""What each kind of import holds: its columns (template names, parsers, example
values) and natural key."""

from __future__ import annotations

import re
from dataclasses import dataclass

FUND_SOURCES = ("APBD", "APBN", "INSTITUSI")
TOPICS = (
    "PELUANG_KERJA",
    "MIGRASI_AMAN",
    "BAHAYA_NONPROSEDURAL",
    "PENCEGAHAN_TPPO",
    "PELATIHAN_CPMI",
)

# Headers that say a file's realisasi is cumulative through the quarter.
CUMULATIVE_HEADERS = (
    "realisasi_sd_triwulan",
    "realisasi_s_d_triwulan",
    "realisasi_sd_tw",
    "realisasi_s_d_tw",
    "realisasi_kumulatif",
    "realisasi_sampai_dengan_triwulan",
)


@dataclass(frozen=True)
class Column:
    name: str  # header in the template
    kind: str  # parser: partner, year, quarter, source, money, count, day, village, topic, text
    explain: str  # one line for the template's explanation sheet
    example: object
    required: bool = True


@dataclass(frozen=True)
class Kind:
    key: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


PARTNER = Column(
    "kode_mitra",
    "partner",
    "Kode Kemendagri (32.12), kode BPS (3212), kode lembaga (UBI) atau nama mitra",
    "32.12",
)
YEAR = Column("tahun", "year", "Tahun anggaran, mis. 2025", 2025)
QUARTER = Column("triwulan", "quarter", "Triwulan 1–4 (boleh TW I … TW IV)", 1)
KINDS = {
    "anggaran": Kind(
        "anggaran",
        (
            PARTNER,
            YEAR,
            QUARTER,
            Column("sumber_dana", "source", "APBD, APBN atau INSTITUSI", "APBD"),
            Column("pagu", "money", "Pagu tahunan yang berlaku pada triwulan ini, Rupiah",
                   "Rp1.250.000.000"),
            Column("realisasi", "money", "Realisasi dalam triwulan ini saja, Rupiah",
                   "Rp310.000.000"),
            Column("target_peserta", "count", "Target peserta pelatihan setahun, orang", 120),
        ),
        ("partner_id", "year", "quarter", "fund_source"),
    ),
    "sosialisasi": Kind(
        "sosialisasi",
        (
            PARTNER,
            YEAR,
            QUARTER,
            Column("kode_desa", "village",
                   "Kode desa/kelurahan Kemendagri (32.12.01.2001) atau kode BPS, 10 digit",
                   "32.12.01.2001"),
            Column("tanggal", "day", "Tanggal kegiatan, di dalam triwulan", "15/02/2025"),
            Column("topik", "topic", "Salah satu topik pada daftar", "MIGRASI_AMAN"),
            Column("peserta_laki_laki", "count", "Peserta laki-laki, orang", 24),
            Column("peserta_perempuan", "count", "Peserta perempuan, orang", 27),
            Column("penyelenggara", "text", "Penyelenggara kegiatan (paling banyak 80 huruf)",
                   "Disnaker", required=False),
        ),
        ("partner_id", "village_id", "held_on", "topic"),
    ),
    "sosialisasi_rekap": Kind(
        "sosialisasi_rekap",
        (
            PARTNER,
            YEAR,
            QUARTER,
            Column("jumlah_kegiatan", "count", "Kegiatan sosialisasi dalam triwulan ini", 6),
            Column("peserta_laki_laki", "count", "Peserta laki-laki dalam triwulan ini, orang",
                   140),
            Column("peserta_perempuan", "count", "Peserta perempuan dalam triwulan ini, orang",
                   165),
            Column("jumlah_desa", "count",
                   "Desa/kelurahan yang dijangkau dalam triwulan ini, berkode atau tidak", 5),
            Column("kode_desa", "villages",
                   "Kode desa yang dijangkau bila diketahui, dipisah titik koma (boleh kosong)",
                   "32.12.01.2001; 32.12.01.2002", required=False),
        ),
        ("partner_id", "year", "quarter"),
    ),
    "pelatihan": Kind(
        "pelatihan",
        (
            PARTNER,
            YEAR,
            QUARTER,
            Column("program", "label", "Nama program pelatihan (paling banyak 120 huruf)",
                   "Pelatihan Caregiver"),
            Column("negara_tujuan", "label", "Negara tujuan penempatan", "Taiwan"),
            Column("sektor", "label", "Sektor pekerjaan", "Perawatan"),
            Column("terdaftar", "count", "Peserta terdaftar, orang", 40),
            Column("lulus", "count", "Peserta lulus, orang", 36),
            Column("tersertifikasi", "count", "Lulusan tersertifikasi, orang", 30),
            Column("ditempatkan", "count", "Lulusan yang sudah ditempatkan, orang", 12),
            Column("biaya", "money", "Biaya angkatan ini, Rupiah", "Rp280.000.000"),
        ),
        ("partner_id", "year", "quarter", "programme"),
    ),
    "luaran": Kind(
        "luaran",
        (
            PARTNER,
            YEAR,
            Column("penempatan", "count", "PMI yang ditempatkan dari daerah/lembaga ini", 1200,
                   required=False),
            Column("pengaduan", "count", "Pengaduan yang diterima", 8, required=False),
            Column("nonprosedural_dicegah", "count", "Keberangkatan nonprosedural yang dicegah",
                   20, required=False),
            Column("purna_difasilitasi", "count", "PMI purna yang difasilitasi", 30,
                   required=False),
            Column("peserta_sosialisasi", "count",
                   "Peserta sosialisasi setahun (angka tahunan, di samping angka triwulanan)",
                   2400, required=False),
            Column("peserta_pelatihan", "count",
                   "Peserta pelatihan setahun (angka tahunan, di samping angka triwulanan)", 150,
                   required=False),
            Column("realisasi_anggaran", "money",
                   "Realisasi anggaran pelatihan setahun, Rupiah (angka tahunan)",
                   "Rp1.180.000.000", required=False),
            Column("satuan", "text", "Satuan angka (boleh kosong): orang atau jiwa; kasus untuk "
                   "pengaduan; rupiah untuk realisasi anggaran", "orang", required=False),
        ),
        ("partner_id", "year"),
    ),
}  # fmt: skip
# The units an outcome may be counted in (a file's `satuan` column, as open data portals
# write it); a scaled unit ("ribu orang") or another measure's unit refuses the row.
UNITS = {
    "penempatan": ("orang", "jiwa", "pmi", "orang pmi"),
    "pengaduan": ("kasus", "pengaduan", "aduan"),
    "nonprosedural_dicegah": ("orang", "jiwa", "pmi", "orang pmi"),
    "purna_difasilitasi": ("orang", "jiwa", "pmi", "orang pmi"),
    "peserta_sosialisasi": ("orang", "jiwa", "peserta", "orang peserta"),
    "peserta_pelatihan": ("orang", "jiwa", "peserta", "orang peserta", "cpmi"),
    "realisasi_anggaran": ("rupiah", "rp", "rp.", "idr"),
}
OUTCOME_FIELDS = {
    "penempatan": "placements",
    "pengaduan": "complaints",
    "nonprosedural_dicegah": "nonprocedural_prevented",
    "purna_difasilitasi": "returns_facilitated",
    "peserta_sosialisasi": "socialization_participants",
    "peserta_pelatihan": "trainees",
    "realisasi_anggaran": "budget_spent_rp",
}
# Yearly figures a partner may publish without the quarterly split: stored beside the
# quarterly figures, never added to them (NULL when not published).
YEARLY_ONLY = ("socialization_participants", "trainees", "budget_spent_rp")


def header_key(text) -> str:
    text = str(text or "").strip().lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")
