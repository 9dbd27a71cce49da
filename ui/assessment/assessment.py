"""Widgets of the self-assessment pages: choosing a partner, its status and the read-only
view (the forms are in ui.assessment.assessment_forms). Text that people typed is shown as
plain text only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.accounts.roles import Role, may
from core.assessment.instrument import load_instrument
from core.text import fmt
from data_access.assessment import assessment as commands
from data_access.assessment import assessment_reads
from data_access.store.access import Viewer
from ui.frame import tables, widgets
from ui.frame.data import read
from ui.frame.state import Filters, t

PARTNER_KEY = "g_assess_partner"
LOADED_KEY = "g_assess_loaded"
NOTICE_KEY = "g_assess_notice"


def status_label(status: str | None) -> str:
    return widgets.status_label(status, "assess_status")


def context_line(filters: Filters) -> None:
    widgets.year_caption(filters, "assess.year")


def choose_partner(me: Viewer, year: int) -> int | None:
    """A partner's account works on its own partner; staff pick one (with its status)."""
    if me.is_partner:
        return me.partner_id
    overview = read(assessment_reads.assessment_overview, year=year)
    if overview.empty:
        return None
    ids = overview["partner_id"].tolist()
    names = dict(zip(ids, overview["short_name"], strict=True))
    states = dict(zip(ids, overview["status"], strict=True))
    if st.session_state.get(PARTNER_KEY) not in ids:
        waiting = overview[overview["status"] == "submitted"]["partner_id"].tolist()
        st.session_state[PARTNER_KEY] = (waiting or ids)[0]
    st.session_state["w_assess_partner"] = st.session_state[PARTNER_KEY]
    return st.selectbox(
        t("assess.choose"),
        ids,
        key="w_assess_partner",
        format_func=lambda pid: f"{names[pid]} · {status_label(states[pid])}",
        on_change=lambda: st.session_state.update(
            {PARTNER_KEY: st.session_state["w_assess_partner"]}
        ),
    )


def show_status(detail: dict, lang: str) -> None:
    """Status, last change, the verifier's note when returned, and the full history."""
    header = detail["header"]
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.success(t(f"assess.done_{notice}"), icon=":material/check_circle:")
    if header is None:
        st.info(t("assess.not_started"), icon=":material/info:")
        return
    st.markdown(
        f"**{t('assess.status')}:** {status_label(header['status'])} · "
        + t(
            "assess.last_change",
            when=fmt.long_date(header["updated_at"], lang),
            version=header["version"],
        )
    )
    st.text(t("assess.changed_by", name=header["updated_by"]))
    if header["status"] == "returned" and header["decision_note"]:
        st.warning(t("assess.returned_note"), icon=":material/undo:")
        st.text(header["decision_note"])
    with st.expander(t("assess.history", n=len(detail["history"]))):
        history = detail["history"]
        tables.status_history(history, status_label, key="assess_history")


def can_fill(me: Viewer, partner_id: int, detail: dict) -> bool:
    header = detail["header"]
    editable = header is None or header["status"] in commands.EDITABLE
    owner = me.role == Role.ADMIN or (me.is_partner and me.partner_id == partner_id)
    return editable and owner


def can_review(me: Viewer, detail: dict) -> bool:
    header = detail["header"]
    return may(me.role, "decide") and bool(header) and header["status"] == "submitted"


def _level(value) -> str:
    return fmt.DASH if pd.isna(value) else str(int(value))


def items_table(detail: dict, filters: Filters) -> None:
    """The assessment read-only, as a table (every text cell is plain text)."""
    header = detail["header"]
    if header is None:
        return
    st.info(t(f"assess.readonly_{header['status']}"), icon=":material/lock:")
    instrument = load_instrument()
    items = detail["items"]
    known = [c in instrument.codes for c in items["indicator_code"]]
    items = items[known]
    shown = pd.DataFrame(
        {
            t("assess.col_indicator"): [
                f"{c} · {instrument.by_code(c).title(filters.lang)}"
                for c in items["indicator_code"]
            ],
            t("assess.col_self"): [_level(v) for v in items["self_level"]],
            t("assess.col_verified"): [_level(v) for v in items["verified_level"]],
            t("assess.col_review"): [t(f"assess.review_{r}") for r in items["review"]],
            t("assess.evidence"): items["evidence_text"],
            t("assess.link"): items["evidence_link"],
            t("assess.comment"): items["comment"],
            t("assess.verifier_note"): items["verifier_note"],
        }
    )
    tables.table(
        shown,
        key="assess_items",
        filters=filters,
        name=t("assess.title"),
        details=[t(f"assess.{k}") for k in ("evidence", "link", "comment", "verifier_note")],
    )
