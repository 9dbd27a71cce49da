"""Demo self-assessments, their verification and follow-up plans (all illustrative).

2024: every partner's assessment is approved. 2025: most are approved, some wait for the
verifier, two were returned, two are drafts and Kepulauan Talaud has not started. Weak
partners rate themselves higher than the verifier does.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

# The indicator codes of config/penilaian_mandiri.toml (a test keeps them equal).
INDICATORS = ("PS1", "PS2", "DK1", "DK2", "FP1", "FP2", "LP1", "LP2", "SO1", "SO2")
WEAK_LEVEL = 2
SEED = 20260402
STATUS_2025 = {
    "35.07": "submitted",
    "33.24": "submitted",
    "UBP": "submitted",
    "18.07": "submitted",
    "12.11": "returned",
    "PKK": "returned",
    "35.10": "draft",
    "SMH": "draft",
    "71.04": None,  # not started
}
EVIDENCE = {
    "PS1": "Keputusan pembentukan satuan tugas dan notulen rapat koordinasi",
    "PS2": "Rekap kasus dan pengaduan beserta tindak lanjutnya",
    "DK1": "Dokumen pelaksanaan anggaran (DPA) kegiatan pelatihan CPMI",
    "DK2": "Daftar peserta, hasil uji kompetensi dan sertifikat",
    "FP1": "Naskah regulasi/kebijakan dan berita acara pembahasan",
    "FP2": "Register layanan pelindungan dan reintegrasi",
    "LP1": "Keputusan pembentukan LTSA/pusat karier dan laporan layanan",
    "LP2": "Tangkapan layar basis data dan jadwal pemutakhiran",
    "SO1": "Jadwal, daftar hadir dan dokumentasi sosialisasi",
    "SO2": "Surat edaran kepada desa dan rekap pendataan CPMI",
}
ACTIONS = {
    "PS": "Menetapkan jadwal rapat satuan tugas dan laporan triwulanan",
    "DK": "Mengusulkan tambahan anggaran pelatihan pada APBD Perubahan",
    "FP": "Menyelesaikan rancangan regulasi pelindungan PMI",
    "LP": "Melengkapi layanan dan pemutakhiran data CPMI",
    "SO": "Menjadwalkan sosialisasi ke desa kantong PMI yang belum terjangkau",
}
OWNERS = ("Kepala Dinas Tenaga Kerja", "Sekretaris Daerah", "Kepala Bidang Penempatan")


def _levels(performance: float, rng: random.Random) -> tuple[int, int]:
    """(self level, verified level): the verifier finds the partner's real level; weaker
    partners claim more than that."""
    real = max(0, min(4, round(performance * 4.4 - 0.4 + rng.uniform(-0.9, 0.9))))
    claim = real + (1 if performance < 0.65 and rng.random() < 0.8 else 0)
    claim += 1 if rng.random() < 0.15 else 0
    return min(4, claim), real


def build(partners) -> dict[str, list[dict]]:
    """Rows of assessments.csv, assessment_items.csv and followup_plans.csv."""
    rng = random.Random(SEED)
    assessments, items, plans = [], [], []
    for n, (p, profile) in enumerate(partners):
        code = p["code"]
        for year in (2024, 2025):
            status = "approved" if year == 2024 else STATUS_2025.get(code, "approved")
            if status is None:
                continue
            growth = 0.05 if year == 2025 else 0.0
            submitted = date(year + 1, 1, 10) + timedelta(days=n)
            decided = submitted + timedelta(days=12 + n % 5)
            assessments.append(
                {
                    "partner_code": code,
                    "year": year,
                    "status": status,
                    "submitted_on": submitted.isoformat() if status != "draft" else "",
                    "decided_on": decided.isoformat() if status in ("approved", "returned") else "",
                    "decision_note": (
                        "Bukti DK1 dan SO1 belum memadai; lengkapi dokumen anggaran dan "
                        "daftar hadir sosialisasi."
                        if status == "returned"
                        else ""
                    ),
                }
            )
            for indicator in INDICATORS:
                claim, real = _levels(profile.performance + growth, rng)
                verified = status in ("approved", "returned")
                item = {
                    "partner_code": code,
                    "year": year,
                    "indicator_code": indicator,
                    "self_level": claim,
                    "evidence_text": EVIDENCE[indicator] + f" tahun {year}." if claim else "",
                    "evidence_link": (
                        f"https://dokumen.contoh.go.id/{code.lower()}/{year}/{indicator.lower()}"
                        if claim >= 3
                        else ""
                    ),
                    "comment": "",
                    "verified_level": real if verified else "",
                    "review": ("accepted" if real == claim else "adjusted")
                    if verified
                    else "pending",
                    "verifier_note": (
                        "Bukti belum menunjukkan tingkat yang diklaim."
                        if verified and real != claim
                        else ""
                    ),
                }
                items.append(item)
                if year == 2025 and status == "approved" and real <= WEAK_LEVEL:
                    plans.append(
                        {
                            "partner_code": code,
                            "year": year,
                            "indicator_code": indicator,
                            "action": ACTIONS[indicator[:2]],
                            "owner": OWNERS[rng.randrange(len(OWNERS))],
                            "due_on": date(2026, 3 + rng.randrange(9), 28).isoformat(),
                            "status": ("rencana", "berjalan", "selesai")[rng.randrange(3)],
                        }
                    )
    return {"assessments": assessments, "assessment_items": items, "followup_plans": plans}
