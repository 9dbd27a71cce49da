"""The quarterly report page: a partner fills in and submits its quarter; a verifier approves,
returns or reopens reports. Notes people typed are shown as plain text."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.figures.completeness import load_rules
from core.figures.periods import last_ended, today
from core.text import fmt
from data_access.figures import partners
from data_access.reporting import report_reads, submissions
from data_access.store.access import AccessDenied, Viewer
from ui.frame import tables, widgets
from ui.frame.data import changed, read
from ui.frame.state import Filters, t, viewer
from ui.imports import importer
from ui.reporting import report_view

NOTICE_KEY = "g_report_notice"


def status_label(status) -> str:
    return widgets.status_label(status, "report_status")


def _run(action, notice: str) -> None:
    try:
        action()
    except (submissions.SubmissionError, AccessDenied) as exc:
        st.error(str(exc), icon=":material/warning:")
        return
    changed()  # what the pages count has changed
    st.session_state[NOTICE_KEY] = notice
    st.rerun()


def notice() -> None:
    done = st.session_state.pop(NOTICE_KEY, None)
    if done:
        st.success(t(f"report.done_{done}"), icon=":material/check_circle:")


def stem(code: str | None, year: int, quarter: int) -> str:
    """The download name of a report's rows: laporan_<partner>_<year>_tw<quarter>."""
    return "_".join(["laporan", *([code] if code else []), str(year), f"tw{quarter}"])


def history(partner_id: int, year: int, quarter: int) -> None:
    rows = read(report_reads.submission_history, partner_id=partner_id, year=year, quarter=quarter)
    with st.expander(t("report.history", n=len(rows))):
        tables.status_history(rows, status_label, key="report_history")


def partner_view(me: Viewer, f: Filters) -> None:
    """A partner's quarter: its state, what it holds, the upload, and sending it."""
    due = last_ended(today())
    if st.session_state.get("w_report_quarter") not in (1, 2, 3, 4):
        st.session_state["w_report_quarter"] = due.quarter if f.year == due.year else f.quarter
    due_line(f)
    quarter = st.selectbox(
        t("report.quarter"),
        [1, 2, 3, 4],
        key="w_report_quarter",
        format_func=lambda q: fmt.quarter(f.year, q, f.lang),
    )
    overview = read(report_reads.submission_overview, year=f.year)
    mine = overview[(overview["partner_id"] == me.partner_id) & (overview["quarter"] == quarter)]
    row = mine.iloc[0] if len(mine) else None
    status = row["status"] if row is not None else None
    st.markdown(f"**{t('report.status')}:** {status_label(status)}")
    if status == "returned" and row["note"]:
        st.warning(t("report.returned_note"), icon=":material/undo:")
        st.text(row["note"])
    st.subheader(t("report.held"))
    code = row["code"] if row is not None else None
    report_view.held(me.partner_id, f.year, quarter, f, stem=stem(code, f.year, quarter))
    if row is not None:
        history(me.partner_id, f.year, quarter)
    if status in ("submitted", "approved"):
        st.info(t(f"report.locked_{status}"), icon=":material/lock:")
        return
    st.subheader(t("report.fill"))
    st.caption(t("report.fill_note", quarter=fmt.quarter(f.year, quarter, f.lang)))
    importer.done_notice()
    upload, typed = st.tabs([t("report.tab_upload"), t("report.tab_table")])
    with upload:
        importer.run(me, f)
    with typed:
        importer.table_entry(me, f, quarter)
    if row is not None and st.button(t("report.submit"), key="w_report_submit", type="primary"):
        _run(
            lambda: submissions.submit(
                viewer=me,
                partner_id=me.partner_id,
                year=f.year,
                quarter=quarter,
                expected_version=int(row["version"]),
            ),
            "submitted",
        )


def verifier_view(me: Viewer, f: Filters) -> None:
    """Every report of the year; the ones waiting first, to approve or return; approved ones
    to reopen for a correction."""
    overview = read(report_reads.submission_overview, year=f.year)
    if overview.empty:
        st.info(t("report.none", year=f.year), icon=":material/info:")
        return
    # The reports waiting for a decision first: they are the verifier's work.
    overview = overview.assign(waits=overview["status"] != "submitted").sort_values(
        ["waits", "partner_id", "quarter"], kind="stable"
    )
    _reports_table(overview, f)
    waiting = overview[overview["status"].isin(["submitted", "approved"])]
    if waiting.empty:
        st.info(t("report.nothing_waiting"), icon=":material/info:")
        return
    keys = list(zip(waiting["partner_id"], waiting["quarter"], strict=True))
    names = dict(zip(waiting["partner_id"], waiting["short_name"], strict=True))
    states = {
        (p, q): s
        for p, q, s in zip(
            waiting["partner_id"], waiting["quarter"], waiting["status"], strict=True
        )
    }  # noqa: E501
    versions = dict(zip(keys, waiting["version"], strict=True))
    # Labels made here, in the run's language: a format function may be called again later.
    labels = {
        k: f"{names[k[0]]} · {fmt.quarter(f.year, k[1], f.lang)} · {status_label(states[k])}"
        for k in keys
    }
    chosen = st.selectbox(t("report.choose"), keys, key="w_report_choose", format_func=labels.get)
    partner_id, quarter = int(chosen[0]), int(chosen[1])
    report = waiting[(waiting["partner_id"] == partner_id) & (waiting["quarter"] == quarter)]
    report = report.iloc[0]
    totals = report_view.held(
        partner_id, f.year, quarter, f, stem=stem(report["code"], f.year, quarter)
    )
    sent = report["submitted_at"]
    report_view.compared(
        totals, f.year, quarter, f, submitted=pd.Timestamp(sent).date() if pd.notna(sent) else None
    )
    history(partner_id, f.year, quarter)
    _decision(me, f, partner_id, quarter, states[chosen], int(versions[chosen]))


def _reports_table(overview: pd.DataFrame, f: Filters) -> None:
    """Every report of the year with its state and when it was sent."""
    shown = pd.DataFrame(
        {
            t("col.partner"): overview["short_name"],
            t("report.quarter"): [fmt.quarter(f.year, q, f.lang) for q in overview["quarter"]],
            t("report.status"): [status_label(s) for s in overview["status"]],
            t("report.submitted_at"): overview["submitted_at"],
        }
    )
    tables.table(
        shown,
        key="reports",
        filters=f,
        name=t("report.title"),
        formats={t("report.submitted_at"): "date"},
    )


def _decision(
    me: Viewer, f: Filters, partner_id: int, quarter: int, state: str, version: int
) -> None:
    """A note, and approve or return a sent report, or reopen an approved one."""
    note = st.text_area(t("report.note"), key="w_report_note", max_chars=submissions.NOTE_LIMIT)
    common = {"viewer": me, "partner_id": partner_id, "year": f.year, "quarter": quarter,
              "expected_version": version}  # fmt: skip
    with st.container(horizontal=True):
        if state == "submitted":
            if st.button(t("report.approve"), key="w_report_approve", type="primary"):
                _run(
                    lambda: submissions.decide(**common, outcome="approved", note=note), "approved"
                )
            if st.button(t("report.return"), key="w_report_return"):
                _run(
                    lambda: submissions.decide(**common, outcome="returned", note=note), "returned"
                )
        elif st.button(t("report.reopen"), key="w_report_reopen"):
            _run(lambda: submissions.reopen(**common, reason=note), "reopened")


def report_year(f: Filters, *, key: str = "w_report_year", open_on_due: bool = False) -> Filters:
    """The filters with a year chosen on the page: the sidebar offers the years that hold
    data, while reports are due for the current year before anything of it is in. A partner
    (or a page with `open_on_due`) opens on the year of the report that is due, staff on the
    sidebar's year. Another year than the sidebar's comes with its due quarter (or TW IV of
    a past year, TW I of a year not yet due)."""
    due = last_ended(today())
    years = sorted({*read(partners.filter_options)["years"], today().year, due.year, f.year})
    if st.session_state.get(key) not in years:
        st.session_state[key] = due.year if viewer().is_partner or open_on_due else f.year
    year = st.selectbox(t("report.year_choice"), years, key=key)
    if year == f.year:
        return f
    quarter = due.quarter if year == due.year else 4 if year < due.year else 1
    return replace(f, year=year, quarter=quarter)


def due_line(f: Filters) -> None:
    """Which report is due, by when, and how many days are left (or late)."""
    due = last_ended(today())
    deadline = load_rules().due(due.year, due.quarter)
    days = (deadline - today()).days
    key = "report.due_left" if days >= 0 else "report.due_late"
    st.info(
        t(
            key,
            quarter=fmt.quarter(due.year, due.quarter, f.lang),
            date=fmt.long_date(deadline, f.lang),
            days=abs(days),
        ),
        icon=":material/event:",
    )


def context_line(f: Filters) -> None:
    widgets.year_caption(f, "report.year")
