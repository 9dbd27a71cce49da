"""What the partner registry accepts: the checks of a partner, an MoU and a PKS before they
are saved, each refusal a sentence that says which field and what to do."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from core.assessment.instrument import SCOPES

PARTNER_TYPES = ("pemda", "lembaga_pendidikan")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")
URL = re.compile(r"^https?://[^\s<>\"']{3,490}$", re.IGNORECASE)
# Indonesia and its seas: a coordinate outside is a typing error (swapped lat/lon, a lost sign).
LAT_RANGE, LON_RANGE = (-11.5, 6.5), (94.5, 141.5)


@dataclass(frozen=True)
class PartnerFields:
    code: str
    name: str
    short_name: str
    partner_type: str
    area_code: str
    lat: float | None
    lon: float | None
    address: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


def _length(value: str, label: str, most: int, *, required: bool = True) -> str | None:
    if required and not value.strip():
        return f"{label} wajib diisi."
    if len(value) > most:
        return f"{label} paling banyak {most} karakter."
    return None


def partner_problems(p: PartnerFields) -> list[str]:
    """Every reason the partner cannot be saved as it is (empty when it can)."""
    problems = [
        _length(p.code, "Kode mitra", 20),
        _length(p.name, "Nama resmi", 160),
        _length(p.short_name, "Nama singkat", 60),
        _length(p.address, "Alamat", 300, required=False),
        _length(p.contact_name, "Narahubung", 120, required=False),
    ]
    if p.partner_type not in PARTNER_TYPES:
        problems.append("Pilih jenis mitra: pemerintah daerah atau lembaga pendidikan.")
    if not p.area_code:
        problems.append("Pilih kabupaten/kota mitra dari daftar wilayah.")
    elif p.partner_type == "pemda" and p.code.strip() != p.area_code:
        problems.append(
            f"Kode pemerintah daerah adalah kode Kemendagri wilayahnya ({p.area_code})."
        )
    if p.contact_email and not EMAIL.match(p.contact_email.strip()):
        problems.append("Surel narahubung tidak berbentuk nama@domain (mis. disnaker@kab.go.id).")
    if p.contact_phone and not PHONE.match(p.contact_phone.strip()):
        problems.append("Telepon hanya angka, spasi, tanda hubung dan + di depan (6–20 karakter).")
    if (p.lat is None) != (p.lon is None):
        problems.append("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.")
    elif p.lat is not None and not (
        LAT_RANGE[0] <= p.lat <= LAT_RANGE[1] and LON_RANGE[0] <= p.lon <= LON_RANGE[1]
    ):
        problems.append(
            "Koordinat di luar Indonesia: lintang antara −11 dan 6, bujur antara 95 dan 141 "
            "(periksa apakah tertukar)."
        )
    return [p for p in problems if p]


def agreement_problems(
    number: str, signed_on: date | None, valid_until: date | None, url: str = ""
) -> list[str]:
    """The checks an MoU and a PKS share: number, dates in order, a web link if any."""
    problems = [_length(number, "Nomor", 80)]
    if signed_on is None or valid_until is None:
        problems.append("Isi tanggal tanda tangan dan tanggal berlaku sampai.")
    elif valid_until <= signed_on:
        problems.append("Tanggal berlaku sampai harus sesudah tanggal tanda tangan.")
    if url and not URL.match(url.strip()):
        problems.append("Tautan dokumen harus alamat web yang diawali http:// atau https://.")
    return [p for p in problems if p]


def title_problems(title: str) -> list[str]:
    problem = _length(title, "Judul", 200)
    return [problem] if problem else []


def scope_problems(scopes: list[str], *, at_least_one: bool = True) -> list[str]:
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        return [f"Ruang lingkup tidak dikenal: {', '.join(unknown)}."]
    if at_least_one and not scopes:
        return ["Pilih sedikitnya satu ruang lingkup."]
    return []


def region_name(area_name: str) -> str:
    """`KAB. KEPULAUAN TALAUD` → `Kabupaten Kepulauan Talaud`; `KOTA BATU` → `Kota Batu`."""
    words = area_name.strip()
    for short, full in (("KAB. ", "KABUPATEN "), ("KAB ", "KABUPATEN ")):
        if words.upper().startswith(short):
            words = full + words[len(short) :]
    return " ".join(w.capitalize() for w in words.split())


# Targets are set for the years an MoU can run in; a year outside is a typing error.
TARGET_YEARS = (2020, 2045)
MOST_BUDGET_RP = 10**13  # Rp10 triliun: far above any regional training budget
MOST_TRAINEES = 1_000_000


def target_problems(
    year: int, budget_rp: int, trainees: int, villages: int, villages_total: int | None
) -> list[str]:
    """Every reason a partner's yearly target cannot be saved. `villages_total` is the desa
    and kelurahan of a regional partner's area (None for an institution: no limit)."""
    problems = []
    if not TARGET_YEARS[0] <= year <= TARGET_YEARS[1]:
        problems.append(f"Tahun target antara {TARGET_YEARS[0]} dan {TARGET_YEARS[1]}.")
    if min(budget_rp, trainees, villages) < 0:
        problems.append("Target tidak boleh negatif.")
    if budget_rp > MOST_BUDGET_RP:
        problems.append("Target anggaran di atas Rp10 triliun: periksa jumlah angka nolnya.")
    if trainees > MOST_TRAINEES:
        problems.append("Target peserta di atas 1.000.000 orang: periksa angkanya.")
    if villages_total is not None and villages > villages_total:
        problems.append(
            f"Target desa ({villages}) melebihi jumlah desa/kelurahan wilayah mitra "
            f"({villages_total})."
        )
    if budget_rp == trainees == villages == 0:
        problems.append("Isi sedikitnya satu target (anggaran, peserta atau desa).")
    return problems
