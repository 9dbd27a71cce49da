"""The completeness page's parts: who reported which quarter and when, what each report
holds, and the figures that stand out for a verifier to confirm."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.accounts.roles import may
from core.figures.completeness import grid, load_rules, outliers
from core.figures.periods import today
from core.text import fmt
from data_access.figures import completeness
from data_access.figures.completeness import confirm_figure
from data_access.store.access import AccessDenied, Viewer
from ui.frame import tables
from ui.frame.data import read
from ui.frame.state import Filters, t

BANDS = {
    "approved": "hijau",
    "agency": "hijau",
    "submitted": "kuning",
    "draft": "kuning",
    "returned": "kuning",
    "not_due": None,
    "missing": "merah",
}
NOTICE_KEY = "g_check_notice"


def measure_label(measure: str) -> str:
    return t(f"complete.measure_{measure}")


def _cell(state: str, timely) -> str:
    text = t(f"complete.state_{state}")
    return f"{text} · {t(f'complete.timely_{timely}')}" if isinstance(timely, str) else text


def overview(f: Filters) -> pd.DataFrame:
    rules = load_rules()
    rows = grid(read(completeness.report_grid, year=f.year, **f.partners), rules, today())
    late = int((rows["timely"] == "late").sum())
    missing = int((rows["state"] == "missing").sum())
    due = rows[rows["state"] != "not_due"]
    cols = st.columns(3)
    cols[0].metric(t("complete.late"), fmt.number(late, f.lang))
    cols[1].metric(t("complete.missing"), fmt.number(missing, f.lang))
    cols[2].metric(
        t("complete.share"),
        fmt.percent(due["complete"].mean() if len(due) else float("nan"), f.lang),
        help=t("complete.share_help"),
    )
    st.caption(t("complete.due_note", days=rules.due_days))
    shown = pd.DataFrame(
        {t("col.partner"): rows.drop_duplicates("partner_id")["short_name"].values}
    )
    bands = {}
    for q in (1, 2, 3, 4):
        part = rows[rows["quarter"] == q]
        name = fmt.quarter(f.year, q, f.lang)
        shown[name] = [_cell(s, w) for s, w in zip(part["state"], part["timely"], strict=True)]
        bands[name] = [BANDS[s] for s in part["state"]]
    bands[t("col.partner")] = [None] * len(shown)
    tables.table(
        shown,
        key="complete_grid",
        filters=f,
        name=t("complete.grid_title"),
        partner_ids=rows.drop_duplicates("partner_id")["partner_id"].reset_index(drop=True),
        bands=pd.DataFrame(bands)[shown.columns],
    )
    return rows


def kinds(rows: pd.DataFrame, f: Filters) -> None:
    """What the reports of the sidebar's quarter hold, per kind of data."""
    st.subheader(t("complete.kinds_title", quarter=fmt.quarter(f.year, f.quarter, f.lang)))
    part = rows[rows["quarter"] == f.quarter]
    mark = {True: "✓", False: "–"}
    shown = pd.DataFrame(
        {
            t("col.partner"): part["short_name"],
            t("complete.kind_budget"): [mark[v > 0] for v in part["budget"]],
            t("complete.kind_training"): [mark[v > 0] for v in part["training"]],
            t("complete.kind_socialization"): [mark[v > 0] for v in part["socialization"]],
            t("complete.col_complete"): part["complete"],
        }
    )
    tables.table(
        shown,
        key="complete_kinds",
        filters=f,
        name=t("complete.kinds_title", quarter=fmt.quarter(f.year, f.quarter, f.lang)),
        formats={t("complete.col_complete"): "pct"},
    )


def flagged(me: Viewer, f: Filters) -> None:
    """Figures far from the partner's own history; a verifier confirms the right ones."""
    st.subheader(t("complete.outliers_title"))
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.success(t("complete.confirmed"), icon=":material/check_circle:")
    rules = load_rules()
    rows = outliers(read(completeness.figure_history, **f.partners), f.year, rules)
    if rows.empty:
        st.info(t("complete.no_outliers", ratio=fmt.number(rules.outlier_ratio, f.lang, 1)))
        return
    checks = read(completeness.figure_checks, year=f.year)
    rows = rows.merge(
        checks, on=["partner_id", "quarter", "measure"], how="left", suffixes=("", "_checked")
    )
    confirmed = rows["value_checked"] == rows["value"]
    st.caption(t("complete.outliers_note", ratio=fmt.number(rules.outlier_ratio, f.lang, 1)))
    shown = pd.DataFrame(
        {
            t("col.partner"): rows["short_name"],
            t("report.quarter"): [fmt.quarter(f.year, q, f.lang) for q in rows["quarter"]],
            t("complete.measure"): [measure_label(x) for x in rows["measure"]],
            t("complete.value"): rows["value"],
            t("complete.basis"): [t(f"complete.basis_{b}") for b in rows["basis"]],
            t("complete.median"): rows["median"],
            t("complete.ratio"): rows["ratio"],
            t("complete.checked"): [
                t("complete.checked_by", name=n) if c else "–"
                for c, n in zip(confirmed, rows["confirmed_by"], strict=True)
            ],
        }
    )
    tables.table(
        shown,
        key="complete_outliers",
        filters=f,
        name=t("complete.outliers_title"),
        formats={
            t("complete.value"): "int",
            t("complete.median"): "int",
            t("complete.ratio"): "dec1",
        },
    )
    open_rows = rows[~confirmed]
    if may(me.role, "decide") and not open_rows.empty:
        _confirm_form(me, f, open_rows)


def _confirm_form(me: Viewer, f: Filters, open_rows: pd.DataFrame) -> None:
    """A verifier confirms a flagged figure as right, with a note."""
    options = list(open_rows.index)
    pick = st.selectbox(
        t("complete.pick"),
        options,
        key="w_check_pick",
        format_func=lambda i: (
            f"{open_rows.loc[i, 'short_name']} · "
            f"{fmt.quarter(f.year, int(open_rows.loc[i, 'quarter']), f.lang)} · "
            f"{measure_label(open_rows.loc[i, 'measure'])}"
        ),
    )
    note = st.text_input(t("complete.note"), key="w_check_note", max_chars=1000)
    if st.button(t("complete.confirm"), key="w_check_confirm"):
        row = open_rows.loc[pick]
        try:
            confirm_figure(
                viewer=me,
                partner_id=int(row["partner_id"]),
                year=f.year,
                quarter=int(row["quarter"]),
                measure=row["measure"],
                value=int(row["value"]),
                note=note,
            )
        except AccessDenied as exc:
            st.error(str(exc))
            return
        st.session_state[NOTICE_KEY] = True
        st.rerun()
