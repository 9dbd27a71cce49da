"""Indicator arithmetic on tidy frames: absorption, attainment, coverage, MoU status, change."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

EXPIRY_WARNING_DAYS = 180
MOU_STATUSES = ("aktif", "akan_berakhir", "berakhir", "diperpanjang")


def _is_scalar(value) -> bool:
    return value is None or np.isscalar(value)


def ratio(numerator, denominator):
    """numerator ÷ denominator; NaN where the denominator is zero or missing (never inf)."""
    if _is_scalar(numerator) and _is_scalar(denominator):
        if pd.isna(numerator) or pd.isna(denominator) or denominator == 0:
            return float("nan")
        return float(numerator) / float(denominator)
    num = pd.Series(numerator, dtype="float64")
    den = pd.Series(denominator, dtype="float64")
    return num.div(den.where(den != 0))


def add_budget_indicators(frame: pd.DataFrame) -> pd.DataFrame:
    """Add serapan, sisa_anggaran_rp, capaian_peserta and biaya_per_lulusan_rp.

    Needs pagu_rp, realisasi_rp; capaian needs graduated and target_trainees, cost per graduate
    needs graduated. serapan: fraction (0.727 = 72,7%); sisa_anggaran_rp: Rupiah.
    """
    out = frame.copy()
    out["serapan"] = ratio(out["realisasi_rp"], out["pagu_rp"])
    out["sisa_anggaran_rp"] = out["pagu_rp"] - out["realisasi_rp"]
    if "graduated" in out and "target_trainees" in out:
        out["capaian_peserta"] = ratio(out["graduated"], out["target_trainees"])
    if "graduated" in out:
        out["biaya_per_lulusan_rp"] = ratio(out["realisasi_rp"], out["graduated"])
    return out


def add_coverage(frame: pd.DataFrame) -> pd.DataFrame:
    """Add cakupan_periode, cakupan_kumulatif and cakupan_tertimbang (fractions).

    Needs villages_total, reached_period, reached_cumulative, pmi_total, reached_cumulative_pmi.
    The weighted variant counts each village by the migrant workers who come from it.
    """
    out = frame.copy()
    out["cakupan_periode"] = ratio(out["reached_period"], out["villages_total"])
    out["cakupan_kumulatif"] = ratio(out["reached_cumulative"], out["villages_total"])
    out["cakupan_tertimbang"] = ratio(out["reached_cumulative_pmi"], out["pmi_total"])
    return out


def mou_status(valid_until: date, renewed: bool, today: date) -> str:
    """aktif | akan_berakhir (≤ 180 days left) | berakhir | diperpanjang (renewed)."""
    if renewed:
        return "diperpanjang"
    if valid_until < today:
        return "berakhir"
    if valid_until <= today + timedelta(days=EXPIRY_WARNING_DAYS):
        return "akan_berakhir"
    return "aktif"


def days_overdue(status: str, due_on: date | None, today: date) -> int | None:
    """Days a follow-through item not done ('proses' or 'belum') is past its due date, or
    None when it is done, has no due date or is not yet due."""
    if status == "selesai" or due_on is None or due_on >= today:
        return None
    return (today - due_on).days


def add_mou_status(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """Add status and days_left (days until valid_until; negative once expired)."""
    out = frame.copy()
    out["status"] = [
        mou_status(v, bool(r), today)
        for v, r in zip(out["valid_until"], out["renewed"], strict=True)
    ]
    out["days_left"] = [(v - today).days for v in out["valid_until"]]
    return out


def change(current, previous) -> tuple[float, float]:
    """(absolute change, relative change); relative is NaN when the previous value is 0."""
    if current is None or previous is None or pd.isna(current) or pd.isna(previous):
        return float("nan"), float("nan")
    return float(current - previous), ratio(current - previous, previous)


def funnel(frame: pd.DataFrame) -> pd.DataFrame:
    """Totals of registered → graduated → certified → placed with the share of registered.

    Returns columns stage (registered | graduated | certified | placed), people: int,
    share_of_registered: fraction.
    """
    stages = ["registered", "graduated", "certified", "placed"]
    totals = [int(frame[s].sum()) if s in frame else 0 for s in stages]
    first = totals[0]
    return pd.DataFrame(
        {
            "stage": stages,
            "people": totals,
            "share_of_registered": [ratio(v, first) for v in totals],
        }
    )


def deliverable_share(done, total):
    """Share of follow-through items completed; NaN where a partner has none."""
    return ratio(done, total)


PARTNER_KEYS = ["partner_id", "code", "short_name", "partner_type", "province"]


def partner_indicators(
    budget: pd.DataFrame,
    training: pd.DataFrame,
    coverage: pd.DataFrame,
    follow_through: pd.DataFrame,
    targets: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per partner with every scorecard indicator, from the per-partner reads.

    Takes the frames of budget_by_partner, training_by_partner, coverage_by_partner,
    deliverables_matrix and partner_targets for one period. Returns PARTNER_KEYS plus
    pagu_rp, realisasi_rp, target_trainees, registered, graduated, certified, placed: ints;
    villages_total, reached_cumulative: ints; the registered targets (apply_targets); and
    the fractions serapan, capaian_peserta, cakupan_periode, cakupan_kumulatif,
    cakupan_tertimbang, tindak_lanjut, tingkat_sertifikasi, tingkat_penempatan,
    pagu_thd_target, capaian_target_desa (NaN where the denominator is zero: no pagu, no
    villages, no target …); biaya_per_lulusan_rp: float, Rupiah; has_data: bool, whether the
    partner reported any budget, trainees or socialization event in the period (else it is
    not ranked).
    """
    out = budget.merge(training.drop(columns=PARTNER_KEYS[1:]), on="partner_id", how="left").merge(
        coverage.drop(columns=PARTNER_KEYS[1:]), on="partner_id", how="left"
    )
    out = apply_targets(out, targets)
    out = add_budget_indicators(out)
    out = add_coverage(out)
    out["pagu_thd_target"] = ratio(out["pagu_rp"], out["budget_target_rp"])
    out["capaian_target_desa"] = ratio(out["reached_period"], out["villages_target"])
    done = follow_through.groupby("partner_id")[["items", "done"]].sum().reset_index()
    out = out.merge(done, on="partner_id", how="left")
    out["tindak_lanjut"] = deliverable_share(out["done"], out["items"])
    out["tingkat_sertifikasi"] = ratio(out["certified"], out["graduated"])
    out["tingkat_penempatan"] = ratio(out["placed"], out["graduated"])
    out["has_data"] = has_period_data(out)
    return out.drop(columns=["items", "done"])


TARGET_COLUMNS = ["budget_target_rp", "trainees_target", "villages_target"]


def apply_targets(frame: pd.DataFrame, targets: pd.DataFrame | None) -> pd.DataFrame:
    """Add the registered yearly targets (budget_target_rp: Rupiah; trainees_target,
    villages_target: ints; 0 where none is registered) and let a registered trainee target
    replace the one reported with the budget: target_trainees is then the registry's, and
    target_source says where it comes from (registri | laporan | '' when there is none)."""
    out = frame.copy()
    if targets is None or targets.empty:
        for column in TARGET_COLUMNS:
            out[column] = 0
    else:
        out = out.merge(targets[["partner_id", *TARGET_COLUMNS]], on="partner_id", how="left")
        out[TARGET_COLUMNS] = out[TARGET_COLUMNS].fillna(0).astype("int64")
    registered = out["trainees_target"] > 0
    reported = out["target_trainees"].fillna(0).astype("int64")
    out["target_trainees"] = reported.where(~registered, out["trainees_target"])
    out["target_source"] = [
        "registri" if r else ("laporan" if v > 0 else "")
        for r, v in zip(registered, reported, strict=True)
    ]
    return out


def has_period_data(frame: pd.DataFrame) -> pd.Series:
    """Whether each partner row holds figures of the period itself: a budget, trainees or a
    socialization event. Follow-through and cumulative coverage outlive a period, so they do
    not count: a partner with nothing reported yet has no place in a ranking."""
    present = pd.Series(False, index=frame.index)
    for column in ("pagu_rp", "realisasi_rp", "registered", "events"):
        if column in frame:
            present |= frame[column].fillna(0) > 0
    return present


def add_yearly_gaps(frame: pd.DataFrame) -> pd.DataFrame:
    """The yearly figures a partner published against the sums of its quarterly figures
    (data_access.figures.outcomes.yearly_beside_quarterly): adds gap, published minus quarterly
    (Int64; NA where nothing was published for the year)."""
    return frame.assign(gap=(frame["published"] - frame["quarterly"]).astype("Int64"))
