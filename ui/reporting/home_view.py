"""The home pages: a partner's tasks (reports, self-assessment, follow-up plans) with a
button to each, and what waits for a verifier, the oldest first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.figures.periods import today
from core.mail.reminder_rules import ReminderRulesError, load_reminder_rules
from core.reporting.home import plan_tasks, report_tasks, waiting_ages
from core.text import fmt
from data_access.mail import notifications as told
from data_access.reporting import home
from ui.frame import tables
from ui.frame.data import read
from ui.frame.state import Filters, t, viewer

HOME_PAGE = "pages/beranda.py"
REPORT_PAGE = "pages/pelaporan.py"
ASSESSMENT_PAGE = "pages/penilaian_mandiri.py"
STATE_ICON = {"late": ":material/error:", "due": ":material/schedule:",
              "waiting": ":material/hourglass_top:", "done": ":material/check_circle:"}  # fmt: skip


def _when(days: int, lang: str) -> str:
    if days < 0:
        return ":red[" + t("home.days_late", days=fmt.number(-days, lang)) + "]"
    if days == 0:
        return t("home.due_today")
    return t("home.days_left", days=fmt.number(days, lang))


def _said(row, lang: str) -> str:
    period = fmt.quarter_name(int(row.quarter), lang) if pd.notna(row.quarter) else ""
    return t(f"home.note_{row.kind}", period=period, year=row.year, partner=row.short_name)


def _season(year: int):
    """The self-assessment's season of `year` in the reminders' calendar; None when that
    file is wrong (the reminders' run says what is wrong; the home page still opens)."""
    try:
        return load_reminder_rules().season(year)
    except ReminderRulesError:
        return None


def notifications(filters: Filters) -> None:
    """The account's notifications, newest first; the unread ones marked until read."""
    lang = filters.lang
    listed = read_notifications()
    unread = int((~listed["read"]).sum()) if not listed.empty else 0
    st.subheader(t("home.notes_title", count=fmt.number(unread, lang)))
    if listed.empty:
        st.caption(t("home.no_notes"))
        return
    for row in listed.head(10).itertuples():
        with st.container(border=True):
            mark = "" if row.read else ":blue-badge[" + t("home.unread") + "] "
            st.markdown(f"{mark}{_said(row, lang)}")
            st.caption(fmt.long_datetime(row.created_at, lang))
            if row.note:
                st.text(row.note)  # the verifier's words, as plain text
    if unread:
        st.button(t("home.mark_read"), key="w_notes_read", on_click=_mark_read)


def read_notifications() -> pd.DataFrame:
    return told.my_notifications(viewer=viewer())


def _mark_read() -> None:
    told.mark_read(viewer=viewer())


def partner_home(partner_id: int, partner_name: str, filters: Filters) -> None:
    day = today()
    tasks = read(home.partner_home, partner_id=partner_id, as_of=day)
    lang = filters.lang
    st.title(t("home.partner_title", partner=partner_name))
    st.caption(t("home.as_of", date=fmt.long_date(day, lang)))

    _report_tasks(tasks["reports"], day, lang)
    _assessment_task(tasks["assessment"].iloc[0], day, lang)
    _plan_tasks(tasks["plans"], day, filters)


def _report_tasks(reports: pd.DataFrame, day, lang: str) -> None:
    """The reports due, late or returned, each with its deadline and a link to it."""
    st.subheader(t("home.reports_title"))
    for row in report_tasks(reports, day).itertuples():
        label = t("home.report_label", period=fmt.quarter_name(row.quarter, lang), year=row.year)
        with st.container(border=True):
            left, right = st.columns([3, 1])
            left.markdown(
                f"{STATE_ICON[row.state]} **{label}** · {t(f'home.report_status.{row.status}')}"
            )
            if row.state in ("late", "due"):
                left.caption(
                    t("home.due_on", date=fmt.long_date(row.due_on, lang))
                    + " · "
                    + _when(row.days, lang)
                )
            if row.note:
                left.markdown(t("home.returned_note"))
                left.text(row.note)  # the verifier's words, as plain text
            if row.state in ("late", "due"):
                right.page_link(
                    REPORT_PAGE, label=t("home.open_report"), icon=":material/upload_file:"
                )


def _assessment_task(assessment, day, lang: str) -> None:
    """The year's self-assessment: its state, the season, a returned note, a link."""
    st.subheader(t("home.assessment_title", year=day.year))
    with st.container(border=True):
        left, right = st.columns([3, 1])
        left.markdown(t(f"home.assessment_status.{assessment['status']}"))
        season = _season(day.year)
        if season:
            left.caption(
                t(
                    "home.season",
                    opens=fmt.long_date(season[0], lang),
                    closes=fmt.long_date(season[1], lang),
                )
            )
        if assessment["note"]:
            left.markdown(t("home.returned_note"))
            left.text(assessment["note"])
        if assessment["status"] in ("none", "draft", "returned"):
            right.page_link(
                ASSESSMENT_PAGE, label=t("home.open_assessment"), icon=":material/edit_note:"
            )


def _plan_tasks(plans: pd.DataFrame, day, filters: Filters) -> None:
    """Follow-up plans due within 30 days."""
    lang = filters.lang
    st.subheader(t("home.plans_title"))
    plans = plan_tasks(plans, day)
    if plans.empty:
        st.info(t("home.no_plans"), icon=":material/task_alt:")
        return
    shown = pd.DataFrame(
        {
            t("col.indicator"): plans["indicator_code"],
            t("home.plan_action"): plans["action"],
            t("col.due_on"): plans["due_on"],
            t("home.plan_when"): [
                _when(d, lang).removeprefix(":red[").removesuffix("]") for d in plans["days"]
            ],
        }
    )
    tables.table(
        shown,
        key="home_plans",
        filters=filters,
        name=t("home.plans_title"),
        formats={t("col.due_on"): "date"},
    )
    st.page_link(ASSESSMENT_PAGE, label=t("home.open_plans"), icon=":material/edit_note:")


def verifier_home(filters: Filters) -> None:
    lang = filters.lang
    st.title(t("home.verifier_title"))
    waiting = waiting_ages(read(home.waiting_decisions), today())
    if waiting.empty:
        st.success(t("home.nothing_waiting"), icon=":material/task_alt:")
        return
    st.caption(t("home.waiting_count", count=fmt.number(len(waiting), lang)))
    what = [
        t("home.report_label", period=fmt.quarter_name(int(q), lang), year=y)
        if kind == "report"
        else t("home.assessment_label", year=y)
        for kind, y, q in zip(waiting["kind"], waiting["year"], waiting["quarter"], strict=True)
    ]
    shown = pd.DataFrame(
        {
            t("col.partner"): waiting["short_name"],
            t("home.what"): what,
            t("home.sent_at"): [fmt.long_date(v.date(), lang) for v in waiting["submitted_at"]],
            t("home.days_waiting"): waiting["days_waiting"],
        }
    )
    tables.table(
        shown,
        key="home_waiting",
        filters=filters,
        name=t("home.verifier_title"),
        formats={t("home.days_waiting"): "int"},
        partner_ids=waiting["partner_id"],
    )
    left, right = st.columns(2)
    left.page_link(REPORT_PAGE, label=t("home.open_reports"), icon=":material/upload_file:")
    right.page_link(
        "pages/hasil_penilaian.py", label=t("home.open_assessments"), icon=":material/fact_check:"
    )


def sidebar_unread() -> None:
    """In the sidebar, how many notifications wait unread, with the way to them."""
    count = told.unread_count(viewer=viewer())
    if count:
        st.sidebar.page_link(
            HOME_PAGE, label=t("home.unread_sidebar", count=count), icon=":material/notifications:"
        )
