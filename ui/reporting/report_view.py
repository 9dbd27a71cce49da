"""What a quarterly report holds, shown to the partner before and after sending it and to the
verifier before deciding: totals, the rows per kind, and the comparison with the partner's
other quarters with the points to look at."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import streamlit as st

from core.figures.completeness import load_rules
from core.reporting.report_review import comparison, flags, previous_quarter
from core.text import fmt
from data_access.reporting import report_figures
from data_access.reporting.report_figures import EVENT_LIMIT
from ui.frame import tables
from ui.frame.data import read
from ui.frame.state import Filters, t

# Per kind: the columns shown (field → label key) and their display formats.
KINDS = {
    "budget": {"fund_source": ("col.source", None), "pagu_rp": ("col.pagu", "rp"),
               "realisasi_rp": ("review.realisasi_quarter", "rp"),
               "target_trainees": ("col.target", "int")},
    "training": {"programme": ("col.programme", None), "destination": ("col.destination", None),
                 "sector": ("col.sector", None), "registered": ("col.registered", "int"),
                 "graduated": ("col.graduated", "int"), "certified": ("col.certified", "int"),
                 "placed": ("col.placed", "int"), "cost_rp": ("col.cost", "rp")},
    "socialization": {"held_on": ("col.held_on", "date"),
                      "village_code": ("col.village_code", None), "village": ("col.village", None),
                      "topic": ("col.topic", None), "participants_male": ("col.male", "int"),
                      "participants_female": ("col.female", "int"),
                      "organiser": ("col.organiser", None)},
    "outcome": {"placements": ("col.placements", "int"), "complaints": ("col.complaints", "int"),
                "nonprocedural_prevented": ("col.nonprocedural", "int"),
                "returns_facilitated": ("col.returns", "int"),
                "socialization_participants": ("col.participants_yearly", "int"),
                "trainees": ("col.trainees_yearly", "int"),
                "budget_spent_rp": ("col.budget_spent_yearly", "rp")},
}  # fmt: skip
# Shown on demand, so that each kind's table fits a laptop screen.
DETAILS = {
    "training": ("col.sector", "col.certified", "col.placed"),
    "socialization": ("col.village_code", "col.organiser"),
    "outcome": ("col.participants_yearly", "col.trainees_yearly", "col.budget_spent_yearly"),
}
MONEY = ("pagu_rp", "realisasi_rp")


def _labelled(rows: pd.DataFrame, kind: str) -> tuple[pd.DataFrame, dict[str, str]]:
    columns = KINDS[kind]
    out = rows[list(columns)].copy()
    if kind == "socialization":
        out["topic"] = [t(f"topic.{code}") for code in out["topic"]]
    out.columns = [t(label) for label, _ in columns.values()]
    formats = {t(label): kind for label, kind in columns.values() if kind}
    return out, formats


def _this_quarter(totals: pd.DataFrame, year: int, quarter: int) -> pd.Series:
    row = totals[(totals["year"] == year) & (totals["quarter"] == quarter)]
    return row.iloc[0] if len(row) else pd.Series(0, index=totals.columns)


def _counts(now: pd.Series) -> dict[str, int]:
    """Rows of each kind the report's quarter holds."""
    return {
        "budget": int(now["budget_rows"]),
        "training": int(now["cohorts"]),
        "socialization": int(now["events"]),
    }


def held(partner_id: int, year: int, quarter: int, f: Filters, *, stem: str) -> pd.DataFrame:
    """The report's totals and its rows per kind; returns the totals (report_totals) for the
    comparison that follows on the verifier's page."""
    rows = read(report_figures.report_rows, partner_id=partner_id, year=year, quarter=quarter)
    totals = read(report_figures.report_totals, partner_id=partner_id, year=year, quarter=quarter)
    now = _this_quarter(totals, year, quarter)
    serapan = comparison(totals, year, quarter).set_index("measure").loc["serapan", "current"]
    cols = st.columns(3)
    cols[0].metric(t("col.pagu"), fmt.rupiah(now["pagu_rp"], f.lang))
    cols[1].metric(t("review.realisasi_quarter"), fmt.rupiah(now["realisasi_rp"], f.lang))
    cols[2].metric(
        t("review.serapan_through", quarter=fmt.quarter_name(quarter, f.lang)),
        fmt.percent(None if math.isnan(serapan) else serapan, f.lang),
    )
    cols = st.columns(3)
    cols[0].metric(t("col.graduated"), fmt.number(now["graduated"], f.lang))
    cols[1].metric(t("col.events"), fmt.number(now["events"], f.lang))
    cols[2].metric(t("review.participants"), fmt.number(now["participants"], f.lang))
    counts = _counts(now)
    kinds = ["budget", "training", "socialization"] + (["outcome"] if quarter == 4 else [])
    sizes = {**counts, "outcome": len(rows["outcome"])}
    tabs = st.tabs([t(f"review.tab_{k}", n=fmt.number(sizes[k], f.lang)) for k in kinds])
    for tab, kind in zip(tabs, kinds, strict=True):
        with tab:
            if kind == "socialization" and not rows["socialization_totals"].empty:
                _counted(rows, f, stem)
                if rows[kind].empty:
                    continue
            if rows[kind].empty:
                st.caption(t(f"review.no_{kind}"))
                continue
            if kind == "socialization" and counts[kind] > EVENT_LIMIT:
                st.caption(
                    t(
                        "review.first_events",
                        shown=fmt.number(EVENT_LIMIT, f.lang),
                        n=fmt.number(counts[kind], f.lang),
                    )
                )
            shown, formats = _labelled(rows[kind], kind)
            tables.table(
                shown,
                key=f"held_{kind}",
                filters=f,
                name=t(f"review.tab_{kind}", n=""),
                formats=formats,
                file_stem=f"{stem}_{kind}",
                details=[t(label) for label in DETAILS.get(kind, ())],
            )
    return totals


def _counted(rows: dict, f: Filters, stem: str) -> None:
    """The quarter's socialization as the partner counted it (totals), and whether it counts:
    events of the same quarter count instead."""
    totals = rows["socialization_totals"]
    st.caption(t("review.counted_ignored" if len(rows["socialization"]) else "review.counted"))
    shown = pd.DataFrame(
        {
            t("col.events"): totals["events"],
            t("col.male"): totals["participants_male"],
            t("col.female"): totals["participants_female"],
            t("review.villages_counted"): totals["villages"],
            t("review.villages_listed"): totals["villages_listed"],
        }
    )
    tables.table(
        shown,
        key="held_counted",
        filters=f,
        name=t("review.counted_name"),
        formats={c: "int" for c in shown.columns},
        file_stem=f"{stem}_rekap_sosialisasi",
    )


def _shown(value: float, measure: str, lang: str) -> str:
    if math.isnan(value):
        return fmt.DASH
    if measure in MONEY:
        return fmt.rupiah(value, lang)
    if measure == "serapan":
        return fmt.percent(value, lang)
    return fmt.number(value, lang)


def _change(value: float, measure: str, lang: str) -> str:
    if math.isnan(value):
        return fmt.DASH
    if measure == "serapan":
        return fmt.points(value, lang)
    return ("+" if value > 0 else "") + fmt.percent(value, lang)


def compared(
    totals: pd.DataFrame, year: int, quarter: int, f: Filters, *, submitted: date | None
) -> None:
    """The report beside the partner's previous quarter and the same quarter a year earlier,
    then the points to look at before deciding. `totals`: what `held` returned."""
    table = comparison(totals, year, quarter)
    held = _counts(_this_quarter(totals, year, quarter))
    before = previous_quarter(year, quarter)
    names = {
        "now": fmt.quarter(year, quarter, f.lang),
        "previous": fmt.quarter(*before, f.lang),
        "last_year": fmt.quarter(year - 1, quarter, f.lang),
    }
    st.subheader(t("review.compare_title"))
    measures = table["measure"]
    now = [_shown(v, m, f.lang) for v, m in zip(table["current"], measures, strict=True)]
    cells = {t("review.measure"): [t(f"review.m_{m}") for m in measures], names["now"]: now}
    # Each earlier quarter's figure with, in brackets, how the report's figure differs from it.
    for basis in ("previous", "last_year"):
        cells[names[basis]] = [
            _shown(v, m, f.lang) + ("" if math.isnan(c) else f" ({_change(c, m, f.lang)})")
            for v, c, m in zip(table[basis], table[f"{basis}_change"], measures, strict=True)
        ]
    shown = pd.DataFrame(cells)
    config = {c: st.column_config.TextColumn(alignment="right") for c in list(shown.columns)[1:]}
    st.dataframe(
        shown, hide_index=True, width="stretch", column_config=config, key="review_compare"
    )
    st.caption(t("review.compare_note", now=names["now"]))
    rules = load_rules()
    points = flags(
        table, held, ratio=rules.outlier_ratio, due=rules.due(year, quarter), submitted=submitted
    )
    if not points:
        st.success(t("review.no_flags"), icon=":material/check_circle:")
    for point in points:
        st.warning(flag_text(point, names, f.lang), icon=":material/flag:")


def flag_text(point: dict, names: dict[str, str], lang: str) -> str:
    """One flag of core.reporting.report_review.flags as a sentence."""
    kind = point["flag"]
    if kind == "empty":
        return t("review.flag_empty", kind=t(f"review.kind_{point['kind']}"))
    if kind == "over_ceiling":
        return t("review.flag_over_ceiling", serapan=fmt.percent(point["serapan"], lang))
    if kind == "late":
        return t("review.flag_late", days=fmt.number(point["days"], lang))
    return t(
        "review.flag_up" if point["up"] else "review.flag_down",
        measure=t(f"review.m_{point['measure']}"),
        factor=fmt.number(point["factor"], lang, 1),
        other=names[point["basis"]],
    )
