"""Second look at checked budget and outcome records against what is stored: realisasi
written cumulatively ("realisasi s.d. triwulan") turned into in-quarter figures, and figures
that would be implausible once stored (above the year's pagu, a negative quarter, a value far
from the stored one or from the partner's own history) raised for a person to confirm."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.imports.importing import Problem

TW = ("I", "II", "III", "IV")


@dataclass
class Reviewed:
    records: list[dict]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _tw(quarter: int) -> str:
    return TW[quarter - 1] if 1 <= quarter <= 4 else str(quarter)


def _money(value: int) -> str:
    return f"Rp{value:,}".replace(",", ".")


def review_budget(records: list[dict], stored: dict[tuple, int], *, cumulative: bool) -> Reviewed:
    """Budget records with realisasi in-quarter (converted when `cumulative`), and the rows
    whose year-to-date realisasi would exceed the pagu or would go down.

    `stored`: (partner_id, year, fund_source, quarter) → realisasi_rp stored for that quarter
    alone (the version the import writes into); quarters the file holds replace it.
    Records carry `_row` (the spreadsheet row) for the report.
    """
    out = Reviewed(records=[])
    by_line: dict[tuple, dict[int, dict]] = {}
    for record in records:
        line = (record["partner_id"], record["year"], record["fund_source"])
        by_line.setdefault(line, {})[record["quarter"]] = record
    for line, quarters in by_line.items():
        to_date = 0  # realisasi from TW I through the quarter before, after the import
        # Every record comes out (a quarter outside 1–4 is the database's to refuse).
        for quarter in sorted({1, 2, 3, 4} | set(quarters)):
            record = quarters.get(quarter)
            if record is None:
                to_date += stored.get((*line, quarter), 0)
                continue
            written = record["realisasi_rp"]
            in_quarter = written - to_date if cumulative else written
            year_to_date = written if cumulative else to_date + written
            problem, warning = _to_date_checks(record, quarter, to_date, cumulative=cumulative)
            if problem:
                out.problems.append(problem)
                continue
            if warning:
                out.warnings.append(warning)
            out.records.append({**record, "realisasi_rp": in_quarter})
            to_date = year_to_date
    return out


def _to_date_checks(record: dict, quarter: int, to_date: int, *, cumulative: bool):
    """(a problem, a warning) of one budget record given the realisasi through the quarter
    before: a year to date that goes down, or one above the pagu."""
    written = record["realisasi_rp"]
    in_quarter = written - to_date if cumulative else written
    year_to_date = written if cumulative else to_date + written
    row = record.get("_row", 0)
    if in_quarter < 0:
        return Problem(
            row,
            "realisasi",
            _money(written),
            f"realisasi s.d. TW {_tw(quarter)} lebih kecil dari realisasi s.d. "
            f"triwulan sebelumnya ({_money(to_date)})",
            "tulis realisasi kumulatif s.d. triwulan ini, atau pilih 'dalam "
            "triwulan ini saja' bila berkas memuat realisasi per triwulan",
        ), None
    # A quarter alone above the pagu is already warned by the row check
    # (core.imports.importing); this one catches what only the year to date shows.
    already = not cumulative and written > record["pagu_rp"]
    if year_to_date <= record["pagu_rp"] or already:
        return None, None
    hint = (
        "periksa angkanya; jika benar, centang konfirmasi"
        if cumulative
        else "apakah berkas memuat realisasi s.d. triwulan (kumulatif)? Jika ya, "
        "pilih 'kumulatif s.d. triwulan'; jika angkanya benar, centang konfirmasi"
    )
    return None, Problem(
        row,
        "realisasi",
        _money(written),
        f"realisasi s.d. TW {_tw(quarter)} menjadi {_money(year_to_date)}, "
        f"melebihi pagu {_money(record['pagu_rp'])}",
        hint,
    )


def large_changes(
    changed: list[tuple], fields: tuple[str, ...], ratio: float, labels: dict[str, str]
) -> list[Problem]:
    """Warnings for values that an import would replace by one `ratio` times larger or
    smaller (both above zero). `changed`: (key, old values, new record) of the preview."""
    out = []
    for _, old, new in changed:
        for name in fields:
            before, after = old.get(name), new.get(name)
            if not isinstance(before, int | float) or not isinstance(after, int | float):
                continue
            if before > 0 and after > 0 and not 1 / ratio < after / before < ratio:
                out.append(
                    Problem(
                        new.get("_row", 0),
                        labels.get(name, name),
                        f"{before:,} → {after:,}".replace(",", "."),
                        f"berubah {after / before:.1f}× dari nilai tersimpan".replace(".", ","),
                        "periksa angkanya; jika benar, centang konfirmasi",
                    )
                )
    return out


def far_from_history(
    records: list[dict],
    history: dict[tuple, list[int]],
    fields: tuple[str, ...],
    ratio: float,
    min_history: int,
    labels: dict[str, str],
) -> list[Problem]:
    """Warnings for values one `ratio` times above or below the median of the partner's own
    other years (`history`: (partner_id, field) → values of other years, at least
    `min_history` of them)."""
    out = []
    for record in records:
        for name in fields:
            value = record.get(name)
            past = sorted(v for v in history.get((record["partner_id"], name), []) if v > 0)
            if not isinstance(value, int) or value <= 0 or len(past) < min_history:
                continue
            middle = len(past) // 2
            median = past[middle] if len(past) % 2 else (past[middle - 1] + past[middle]) / 2
            if not 1 / ratio < value / median < ratio:
                out.append(
                    Problem(
                        record.get("_row", 0),
                        labels.get(name, name),
                        f"{value:,}".replace(",", "."),
                        f"{value / median:.1f}× median tahun-tahun lain mitra ini "
                        f"({median:,.0f})".replace(",", "_")
                        .replace(".", ",")
                        .replace("_", "."),
                        "periksa angkanya; jika benar, centang konfirmasi",
                    )
                )
    return out
