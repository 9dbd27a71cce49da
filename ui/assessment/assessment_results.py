"""Self-assessment results: a partner against its anonymous peers, the agency's view of every
partner, and the follow-up plans (rencana tindak lanjut)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from core.assessment import assessment_scores as scores
from core.assessment.instrument import Instrument
from core.figures.indicators import days_overdue
from core.figures.periods import today
from core.text import fmt
from data_access import models as m
from data_access.assessment import assessment as commands
from data_access.assessment import assessment_reads
from data_access.store.access import AccessDenied, Viewer
from ui.assessment import assessment_charts
from ui.assessment.assessment import status_label
from ui.frame import tables, widgets
from ui.frame.data import read
from ui.frame.state import Filters, t

PLAN_NOTICE = "g_plan_notice"


def _score(value, lang: str) -> str:
    return fmt.number(value, lang, 1) if pd.notna(value) else fmt.DASH


def partner_view(table: pd.DataFrame, me: Viewer, f: Filters) -> None:
    """The partner's self and verified scores per scope area against its peers' (no names)."""
    mine = table[table["partner_id"] == me.partner_id]
    if mine.empty:
        st.info(t("results.partner_none", year=f.year), icon=":material/info:")
        return
    total = mine[mine["scope_code"] == scores.TOTAL].iloc[0]
    group = total["partner_type"]
    cols = st.columns(3)
    cols[0].metric(t("assess.self_score"), _score(total["self_score"], f.lang))
    cols[1].metric(
        t("assess.verified_score"),
        _score(total["verified_score"], f.lang),
        help=None if pd.notna(total["verified_score"]) else t("results.not_verified"),
    )
    ranked = scores.rank(table, me.partner_id, "verified_score")
    cols[2].metric(
        t("results.rank", group=t(f"partner_type.{group}")),
        f"{ranked[0]} / {ranked[1]}" if ranked else fmt.DASH,
        help=t("results.rank_help"),
    )
    summary = scores.peers(table, me.partner_id)
    points = table[
        (table["partner_type"] == group)
        & (table["partner_id"] != me.partner_id)
        & table["verified_score"].notna()
    ]
    st.plotly_chart(
        assessment_charts.peers(summary, points, f.lang), key="results_peers", width="stretch"
    )
    st.caption(t("results.peers_hidden", n=int(points["partner_id"].nunique())))
    shown = pd.DataFrame(
        {
            t("col.scope"): [
                assessment_charts.scope_label(c, f.lang) for c in summary["scope_code"]
            ],
            t("assess.self_score"): summary["self_score"],
            t("assess.verified_score"): summary["verified_score"],
            t("results.peer_median"): summary["peer_median"],
            t("results.peer_min"): summary["peer_min"],
            t("results.peer_max"): summary["peer_max"],
        }
    )
    number_columns = [c for c in shown.columns if c != t("col.scope")]
    tables.table(
        shown,
        key="results_own",
        filters=f,
        name=t("results.own_title"),
        formats={c: "dec1" for c in number_columns},
    )


def leadership_view(table: pd.DataFrame, before: pd.DataFrame, overview, f: Filters) -> None:
    """Where every partner stands: status counts, who over-rates itself, scores by scope area
    and the change since last year."""
    counts = overview["status"].fillna("none").value_counts()
    cols = st.columns(5)
    for col, status in zip(cols, (None, "draft", "submitted", "returned", "approved"), strict=True):
        col.metric(status_label(status), fmt.number(int(counts.get(status or "none", 0)), f.lang))
    st.subheader(t("results.gap_title"))
    gaps = scores.gaps(table)
    if gaps.empty:
        st.info(t("results.no_verified"), icon=":material/info:")
    else:
        st.caption(t("results.gap_note"))
        shown = widgets.focus(gaps, by="gap", key="results_gap_focus")
        shown = shown.sort_values(["gap", "short_name"], ascending=[False, True])
        st.plotly_chart(assessment_charts.gap(shown, f.lang), key="results_gap", width="stretch")
    st.subheader(t("results.scopes_title"))
    if table.empty:
        st.info(t("results.none", year=f.year), icon=":material/info:")
        return
    st.caption(t("results.scopes_note"))
    totals = table[table["scope_code"] == scores.TOTAL]
    totals = totals.assign(score=totals["verified_score"].fillna(totals["self_score"]))
    chosen = widgets.focus(totals, by="score", key="results_scopes_focus")["partner_id"]
    st.plotly_chart(
        assessment_charts.scopes(table[table["partner_id"].isin(chosen)], f.lang),
        key="results_scopes",
        width="stretch",
    )
    st.subheader(t("results.change_title", before=f.year - 1))
    change = scores.change(table, before)
    tables.table(
        pd.DataFrame(
            {
                t("col.partner"): change["short_name"],
                t("results.score_year", year=f.year): change["score"],
                t("results.score_year", year=f.year - 1): change["score_before"],
                t("results.change"): change["change"],
            }
        ),
        key="results_change",
        filters=f,
        name=t("results.change_title", before=f.year - 1),
        formats={
            t("results.score_year", year=f.year): "dec1",
            t("results.score_year", year=f.year - 1): "dec1",
            t("results.change"): "dec1",
        },
    )


def plans(me: Viewer, f: Filters, instrument: Instrument, levels: pd.DataFrame) -> None:
    """The follow-up plans of the year; a partner's account adds plans and updates them.
    `levels`: the year's item levels (assessment_levels), to offer weak indicators first."""
    st.subheader(t("results.plans_title"))
    notice = st.session_state.pop(PLAN_NOTICE, None)
    if notice:
        st.success(t("results.plan_saved"), icon=":material/check_circle:")
    rows = read(assessment_reads.followup_plans, year=f.year)
    if rows.empty:
        st.info(t("results.no_plans"), icon=":material/info:")
    else:
        # A plan still open after its due date shows how late it is instead of its status:
        # the one thing a verifier needs from it, in a table that fits a laptop.
        late = [
            None if s in ("selesai", "batal") else days_overdue(s, d, today())
            for s, d in zip(rows["status"], rows["due_on"], strict=True)
        ]
        shown = pd.DataFrame(
            {
                **({} if me.is_partner else {t("col.partner"): rows["short_name"]}),
                t("assess.col_indicator"): rows["indicator_code"],
                t("results.action"): rows["action"],
                t("results.owner"): rows["owner"],
                t("col.due_on"): rows["due_on"],
                t("col.status"): [
                    t("results.late", days=fmt.number(d, f.lang)) if d else t(f"plan_status.{s}")
                    for s, d in zip(rows["status"], late, strict=True)
                ],
            }
        )
        tables.table(
            shown,
            key="results_plans",
            filters=f,
            name=t("results.plans_title"),
            formats={t("col.due_on"): "short_date"},
            details=[t("assess.col_indicator"), t("results.owner")],
        )
    if me.is_partner:
        _plan_forms(me, f, instrument, levels, rows)


def _plan_forms(me, f, instrument, levels, rows) -> None:
    mine = levels[levels["partner_id"] == me.partner_id]
    level = mine["verified_level"].fillna(mine["self_level"])
    weak = {
        code: int(value)
        for code, value in zip(mine["indicator_code"], level, strict=True)
        if pd.notna(value) and value <= instrument.weak_level
    }
    codes = sorted(instrument.codes, key=lambda c: (c not in weak, c))

    def label(code: str) -> str:
        name = f"{code} · {instrument.by_code(code).title(f.lang)}"
        return f"{name} ({t('results.weak', level=weak[code])})" if code in weak else name

    left, right = st.columns(2)
    with left.form("plan_add", border=True):
        st.markdown(f"**{t('results.plan_add')}**")
        st.selectbox(t("assess.col_indicator"), codes, key="w_plan_indicator", format_func=label)
        st.text_area(t("results.action"), key="w_plan_action", max_chars=commands.LIMITS["action"])
        st.text_input(t("results.owner"), key="w_plan_owner", max_chars=commands.LIMITS["owner"])
        st.date_input(
            t("col.due_on"), key="w_plan_due", format="DD/MM/YYYY", min_value=date(f.year, 1, 1)
        )
        add = st.form_submit_button(t("results.plan_save"), key="w_plan_add_submit")
    if add:
        s = st.session_state
        _save_plan(
            me,
            f,
            indicator_code=s["w_plan_indicator"],
            action=s.get("w_plan_action", ""),
            owner=s.get("w_plan_owner", ""),
            due_on=s.get("w_plan_due"),
            status="rencana",
        )
    if not rows.empty:
        _plan_update(me, f, rows, right)


def _plan_update(me, f, rows: pd.DataFrame, column) -> None:
    """The form that moves one of the partner's plans to another status."""
    plan_rows = rows.set_index("plan_id")
    with column.form("plan_update", border=True):
        st.markdown(f"**{t('results.plan_update')}**")
        st.selectbox(
            t("results.plan_choose"),
            list(plan_rows.index),
            key="w_plan_pick",
            format_func=lambda pid: (
                f"{plan_rows.loc[pid, 'indicator_code']} · "
                f"{fmt.long_date(plan_rows.loc[pid, 'due_on'], f.lang)} · "
                f"{t('plan_status.' + plan_rows.loc[pid, 'status'])}"
            ),
        )
        st.selectbox(
            t("col.status"),
            list(m.PLAN_STATUSES),
            key="w_plan_status",
            format_func=lambda s: t(f"plan_status.{s}"),
        )
        update = st.form_submit_button(t("results.plan_save"), key="w_plan_update_submit")
    if update:
        pid = st.session_state["w_plan_pick"]
        row = plan_rows.loc[pid]
        _save_plan(
            me,
            f,
            indicator_code=row["indicator_code"],
            action=row["action"],
            owner=row["owner"],
            due_on=row["due_on"],
            status=st.session_state["w_plan_status"],
            plan_id=int(pid),
            expected_version=int(row["version"]),
        )


def _save_plan(me: Viewer, f: Filters, **values) -> None:
    try:
        commands.save_plan(viewer=me, partner_id=me.partner_id, year=f.year, **values)
    except (commands.AssessmentError, AccessDenied) as exc:
        st.error(str(exc), icon=":material/warning:")
        return
    st.session_state[PLAN_NOTICE] = True
    st.rerun()
