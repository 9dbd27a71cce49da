"""Comments on a partner's figures, on its profile: threads newest first, a new thread on
the period chosen in the sidebar, replies; staff choose comments for the briefing. Every
comment is shown as plain text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.text import fmt
from data_access.reporting import comments
from data_access.reporting.comments import CommentError
from ui.frame.data import read
from ui.frame.state import Filters, t, viewer

PROBLEM_KEY, DONE_KEY = "g_comment_problem", "g_comment_done"


def threads(partner_id: int, filters: Filters) -> None:
    lang, me = filters.lang, viewer()
    st.subheader(t("comments.title"))
    st.caption(t("comments.intro"))
    if problem := st.session_state.pop(PROBLEM_KEY, None):
        st.error(problem)
    if done := st.session_state.pop(DONE_KEY, None):
        st.success(done, icon=":material/check_circle:")
    rows = read(comments.comment_threads, partner_id=partner_id)
    staff = me.role in comments.STAFF
    if rows.empty:
        st.info(t("comments.none"), icon=":material/forum:")
    for _, thread in rows.groupby("thread_id", sort=False):
        with st.container(border=True):
            for r in thread.itertuples():
                period = f"{fmt.quarter_name(r.quarter, lang)} {r.year}"
                who = t("comments.by", author=r.author, role=t(f"role.{r.author_role}"))
                when = fmt.long_datetime(r.created_at, lang)
                reply = "↳ " if not pd.isna(r.parent_id) else ""
                st.text(f"{reply}{who} · {period} · {when}")  # names as plain text too
                st.text(r.body)
                if staff:
                    st.toggle(
                        t("comments.for_briefing"),
                        value=bool(r.for_briefing),
                        key=f"w_comment_brief_{r.comment_id}",
                        on_change=_brief,
                        args=(int(r.comment_id),),
                    )
    left, right = st.columns(2)
    with left, st.form(f"new_comment_{partner_id}"):
        period = f"{fmt.quarter_name(filters.quarter, lang)} {filters.year}"
        st.markdown(f"**{t('comments.new', period=period)}**")
        st.text_area(t("comments.text"), max_chars=comments.LIMIT, key="w_comment_new")
        st.form_submit_button(
            t("comments.send"), on_click=_add, args=(partner_id, filters.year, filters.quarter)
        )
    roots = rows[rows["parent_id"].isna()]
    if not roots.empty:
        first_lines = {int(r.comment_id): r.body.splitlines()[0][:60] for r in roots.itertuples()}
        with right, st.form(f"reply_comment_{partner_id}"):
            st.markdown(f"**{t('comments.reply_title')}**")
            st.selectbox(
                t("comments.thread"),
                list(first_lines),
                format_func=first_lines.get,
                key="w_comment_thread",
            )
            st.text_area(t("comments.text"), max_chars=comments.LIMIT, key="w_comment_reply")
            st.form_submit_button(t("comments.reply"), on_click=_reply, args=(partner_id,))


def _save(key: str, **arguments) -> None:
    state = st.session_state
    try:
        comments.add_comment(viewer=viewer(), body=state.get(key, ""), **arguments)
    except CommentError as exc:
        state[PROBLEM_KEY] = str(exc)
        return
    state[key] = ""
    state[DONE_KEY] = t("comments.saved")


def _add(partner_id: int, year: int, quarter: int) -> None:
    _save("w_comment_new", partner_id=partner_id, year=year, quarter=quarter)


def _reply(partner_id: int) -> None:
    parent = st.session_state.get("w_comment_thread")
    _save("w_comment_reply", partner_id=partner_id, year=0, quarter=1, parent_id=parent)


def _brief(comment_id: int) -> None:
    chosen = bool(st.session_state.get(f"w_comment_brief_{comment_id}"))
    comments.choose_for_briefing(viewer=viewer(), comment_id=comment_id, chosen=chosen)
