"""The follow-through items an MoU commits a partner to, by partner type: the standard list
the registry offers and the follow-through indicator counts (done ÷ items)."""

from __future__ import annotations

from datetime import date

STANDARD = {
    "pemda": (
        ("PEMBERANTASAN_SINDIKAT", "satgas_tppo"),
        ("DIKLAT_CPMI", "anggaran_pelatihan"),
        ("DIKLAT_CPMI", "pelatihan"),
        ("FASILITASI_PELINDUNGAN", "perda"),
        ("LAYANAN_PENEMPATAN", "ltsa"),
        ("SOSIALISASI", "desa_terjangkau"),
    ),
    "lembaga_pendidikan": (
        ("PEMBERANTASAN_SINDIKAT", "edukasi_tppo"),
        ("DIKLAT_CPMI", "kurikulum"),
        ("DIKLAT_CPMI", "pelatihan"),
        ("FASILITASI_PELINDUNGAN", "layanan_pengaduan"),
        ("LAYANAN_PENEMPATAN", "pusat_karier"),
        ("SOSIALISASI", "sosialisasi_kampus"),
    ),
}
STATUSES = ("belum", "proses", "selesai")
MAX_EVIDENCE = 1000


def item_problems(
    partner_type: str,
    scope_code: str,
    kind: str,
    status: str,
    due_on: date | None,
    completed_on: date | None,
    evidence_note: str,
    today: date,
) -> list[str]:
    """Every reason a follow-through item cannot be saved as it is."""
    problems = []
    if (scope_code, kind) not in STANDARD.get(partner_type, ()):
        problems.append("Butir tindak lanjut ini bukan butir baku untuk jenis mitra ini.")
    if status not in STATUSES:
        problems.append("Pilih status: belum dimulai, dalam proses, atau selesai.")
    if due_on is None:
        problems.append("Isi tenggat butir ini.")
    if status == "selesai" and completed_on is None:
        problems.append("Butir yang selesai perlu tanggal selesainya.")
    if status != "selesai" and completed_on is not None:
        problems.append("Tanggal selesai hanya diisi bila statusnya selesai.")
    if completed_on is not None and completed_on > today:
        problems.append("Tanggal selesai tidak boleh sesudah hari ini.")
    if len(evidence_note) > MAX_EVIDENCE:
        problems.append(f"Catatan bukti paling banyak {MAX_EVIDENCE} karakter.")
    return problems
