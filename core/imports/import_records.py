"""A checked row's values as the record its kind stores, with the checks that need several
fields at once (a village inside the partner's area, a day inside the quarter, graduates
not above registered). Pure: the lookups come in as arguments."""

from __future__ import annotations

from dataclasses import dataclass

from core.figures.periods import Period
from core.imports.import_kinds import OUTCOME_FIELDS, UNITS, Kind


@dataclass(frozen=True)
class Problem:
    row: int  # spreadsheet row (the header is row 1)
    column: str
    value: str
    problem: str
    right: str = ""


def record_of(kind: Kind, v: dict, number: int, lookups, out, typed) -> dict | None:
    """The record of a row whose cells all parsed (`v`: field → value), or None after
    adding its problem to `out` (a Checked); warnings go to `out` too."""

    def refuse(column: str, value, problem: str, right: str) -> None:
        # The report shows what the clerk typed (`typed(column)`), never an internal id.
        shown = typed(column) or str(value)
        out.problems.append(Problem(number, column, shown, problem, right))

    partner = v["kode_mitra"]
    if lookups.allowed_partner is not None and partner != lookups.allowed_partner:
        refuse("kode_mitra", partner, "baris untuk mitra lain", "unggah data mitra Anda saja")
        return None
    if kind.key == "anggaran":
        return _budget(v, number, partner, out)
    if kind.key == "sosialisasi":
        return _event(v, partner, lookups, refuse)
    if kind.key == "sosialisasi_rekap":
        return _quarter_totals(v, lookups, refuse)
    if kind.key == "pelatihan":
        return _cohort(v, partner, refuse)
    unit = " ".join(str(v.get("satuan") or "").lower().split())
    for name in OUTCOME_FIELDS:
        if unit and name in v and unit not in UNITS[name]:
            refuse(
                "satuan",
                v["satuan"],
                f"satuan tidak sesuai untuk {name}",
                f"angka dalam {' atau '.join(UNITS[name][:2])}",
            )
            return None
    record = {"partner_id": partner, "year": v["tahun"]}
    for name, target in OUTCOME_FIELDS.items():
        if name in v:
            record[target] = v[name]
    return record


def _cohort(v: dict, partner: int, refuse) -> dict | None:
    """A training cohort's record, or None after refusing counts that do not add up."""
    if v["lulus"] > v["terdaftar"]:
        refuse("lulus", v["lulus"], "lulus lebih banyak dari terdaftar", "lulus ≤ terdaftar")
        return None
    for name in ("negara_tujuan", "sektor"):  # the database keeps 40 characters
        if len(v[name]) > 40:
            refuse(name, v[name][:60], "paling banyak 40 huruf", "singkat teksnya")
            return None
    if v["tersertifikasi"] > v["lulus"]:
        refuse(
            "tersertifikasi",
            v["tersertifikasi"],
            "tersertifikasi lebih banyak dari lulus",
            "tersertifikasi ≤ lulus",
        )
        return None
    return {
        "partner_id": partner,
        "year": v["tahun"],
        "quarter": v["triwulan"],
        "programme": v["program"],
        "destination": v["negara_tujuan"],
        "sector": v["sektor"],
        "registered": v["terdaftar"],
        "graduated": v["lulus"],
        "certified": v["tersertifikasi"],
        "placed": v["ditempatkan"],
        "cost_rp": v["biaya"],
    }


def _budget(v: dict, number: int, partner: int, out) -> dict:
    """A budget row's record; realisasi above pagu is a warning in `out`."""
    if v["realisasi"] > v["pagu"]:
        out.warnings.append(
            Problem(
                number,
                "realisasi",
                str(v["realisasi"]),
                "realisasi triwulan melebihi pagu",
                "periksa angkanya; jika memang benar, centang konfirmasi",
            )
        )
    return {
        "partner_id": partner,
        "year": v["tahun"],
        "quarter": v["triwulan"],
        "fund_source": v["sumber_dana"],
        "pagu_rp": v["pagu"],
        "realisasi_rp": v["realisasi"],
        "target_trainees": v["target_peserta"],
    }


def _event(v: dict, partner: int, lookups, refuse) -> dict | None:
    """A socialization event's record, or None after refusing a village or a date."""
    code = v["kode_desa"]
    village = lookups.villages.get(code)
    if village is None:
        refuse("kode_desa", code, "kode desa tidak dikenal", "pakai kode dari daftar di templat")
        return None
    if village[1] != lookups.partner_region.get(partner):
        refuse("kode_desa", code, "desa ini di luar wilayah mitra", "pakai desa wilayah mitra")
        return None
    period = Period(v["tahun"], v["triwulan"])
    if not period.start <= v["tanggal"] <= period.end:
        refuse(
            "tanggal",
            v["tanggal"].strftime("%d/%m/%Y"),
            f"tanggal di luar triwulan {v['triwulan']} tahun {v['tahun']}",
            f"antara {period.start:%d/%m/%Y} dan {period.end:%d/%m/%Y}",
        )
        return None
    return {
        "partner_id": partner,
        "village_id": village[0],
        "held_on": v["tanggal"],
        "year": v["tahun"],
        "quarter": v["triwulan"],
        "topic": v["topik"],
        "participants_male": v["peserta_laki_laki"],
        "participants_female": v["peserta_perempuan"],
        "organiser": v.get("penyelenggara", ""),
    }


def _quarter_totals(v: dict, lookups, refuse) -> dict | None:
    """A quarter's socialization counted by the partner: the villages it names by code
    must be its own, and no more than the villages it counts."""
    partner, region = v["kode_mitra"], lookups.partner_region.get(v["kode_mitra"])
    ids = []
    for code in v.get("kode_desa", ()):
        village = lookups.villages.get(code)
        if village is None:
            refuse("kode_desa", code, "kode desa tidak dikenal", "pakai kode dari templat")
            return None
        if village[1] != region:
            refuse("kode_desa", code, "desa di luar wilayah mitra", "pakai desa wilayah mitra")
            return None
        ids.append(village[0])
    if region is None and v["jumlah_desa"]:
        refuse(
            "jumlah_desa",
            v["jumlah_desa"],
            "lembaga pendidikan tidak mempunyai desa wilayah",
            "isi 0",
        )
        return None
    if len(ids) > v["jumlah_desa"]:
        refuse(
            "jumlah_desa",
            v["jumlah_desa"],
            f"kurang dari {len(ids)} kode desa yang ditulis",
            f"paling sedikit {len(ids)}",
        )
        return None
    if v["jumlah_kegiatan"] == 0 and v["peserta_laki_laki"] + v["peserta_perempuan"] > 0:
        refuse("jumlah_kegiatan", 0, "ada peserta tanpa kegiatan", "isi jumlah kegiatannya")
        return None
    ids.sort()
    return {
        "partner_id": partner,
        "year": v["tahun"],
        "quarter": v["triwulan"],
        "events": v["jumlah_kegiatan"],
        "participants_male": v["peserta_laki_laki"],
        "participants_female": v["peserta_perempuan"],
        "villages": v["jumlah_desa"],
        "village_list": ",".join(map(str, ids)),
        "_village_ids": ids,
    }
