"""The self-assessment forms: the partner's answers, with the verifier's finding on each item
after a return, and the verifier's review. Text that people typed is shown as plain text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.assessment.instrument import LEVELS, Instrument, load_instrument
from data_access.assessment import assessment as commands
from data_access.store.access import AccessDenied, Viewer
from ui.assessment.assessment import LOADED_KEY, NOTICE_KEY
from ui.frame.state import t


def _load(detail: dict, partner_id: int, year: int, instrument: Instrument, prefix: str) -> int:
    """Put the stored values into the form's widgets when a record is opened, and return the
    version they came from. Afterwards the widgets keep what the user typed, and saves name
    that version, even when someone else saves meanwhile: that save is then refused."""
    header = detail["header"]
    marker = st.session_state.get(LOADED_KEY)
    if not marker or marker[:3] != (prefix, partner_id, year):
        version = header["version"] if header else None
        items = detail["items"].set_index("indicator_code")
        for code in instrument.codes:
            row = items.loc[code] if code in items.index else None

            def value(column, default, row=row):
                if row is None or pd.isna(row[column]):
                    return default
                return row[column]

            s = st.session_state
            if prefix == "fill":
                level = value("self_level", None)
                s[f"w_as_{code}_level"] = None if level is None else int(level)
                s[f"w_as_{code}_evidence"] = value("evidence_text", "")
                s[f"w_as_{code}_link"] = value("evidence_link", "")
                s[f"w_as_{code}_comment"] = value("comment", "")
            else:
                # An item the partner changed since the last finding starts from its new level.
                stale = row is not None and row["review"] == "pending"
                level = value("self_level", 0) if stale else value("verified_level", 0)
                s[f"w_rv_{code}_level"] = int(level)
                s[f"w_rv_{code}_note"] = value("verifier_note", "")
        marker = (prefix, partner_id, year, version)
        st.session_state[LOADED_KEY] = marker
    return marker[3]


def _run(action, notice: str) -> None:
    """Carry out a command; on success reload from the database, otherwise say why."""
    try:
        action()
    except commands.StaleRecord as exc:
        st.error(str(exc), icon=":material/warning:")
        st.button(t("assess.reload"), key="w_assess_reload", on_click=_forget)
        return
    except (commands.AssessmentError, AccessDenied) as exc:
        st.error(str(exc), icon=":material/warning:")
        return
    _forget()
    st.session_state[NOTICE_KEY] = notice
    st.rerun()


def _forget() -> None:
    st.session_state.pop(LOADED_KEY, None)


def finding(item: pd.Series, ind, lang: str) -> None:
    """The verifier's finding on one item (level, note, and whether it still stands), as the
    partner reads it after a return; nothing before the first review."""
    level, note = item["verified_level"], item["verifier_note"]
    if pd.isna(level) and not note:
        return
    if item["review"] == "pending":
        st.info(
            t("assess.finding_pending", level=int(level))
            if pd.notna(level)
            else t("assess.finding_note_only"),
            icon=":material/history:",
        )
    elif item["review"] == "adjusted":
        st.warning(
            t(
                "assess.finding_adjusted",
                level=int(level),
                claimed=int(item["self_level"]),
                criterion=ind.criterion(int(level), lang),
            ),
            icon=":material/rule:",
        )
    else:
        st.success(t("assess.finding_accepted", level=int(level)), icon=":material/check:")
    if note:
        st.caption(t("assess.finding_note"))
        st.text(note)


def answer_form(me: Viewer, partner_id: int, year: int, detail: dict, lang: str) -> None:
    """The partner's form: a level per indicator with its written criterion, evidence
    (text and link) and a comment; save as draft or send for verification."""
    instrument = load_instrument()
    version = _load(detail, partner_id, year, instrument, "fill")
    items = detail["items"].set_index("indicator_code")
    with st.form("assess_form", border=False):
        for scope in instrument.scope_weights:
            st.subheader(t(f"scope.{scope}"))
            for ind in instrument.of_scope(scope):
                _answer_fields(ind, items, lang)
        with st.container(horizontal=True):
            save = st.form_submit_button(t("assess.save"), key="w_assess_save")
            send = st.form_submit_button(t("assess.submit"), key="w_assess_submit", type="primary")
    if not (save or send):
        return
    s = st.session_state
    answers = {
        code: commands.Answer(
            level=s.get(f"w_as_{code}_level"),
            evidence_text=s.get(f"w_as_{code}_evidence", ""),
            evidence_link=s.get(f"w_as_{code}_link", ""),
            comment=s.get(f"w_as_{code}_comment", ""),
        )
        for code in instrument.codes
    }

    def act():
        saved = commands.save_draft(
            viewer=me,
            partner_id=partner_id,
            year=year,
            answers=answers,
            expected_version=version,
        )
        # The widgets now hold what is stored: if sending fails, they stay as they are.
        st.session_state[LOADED_KEY] = ("fill", partner_id, year, saved)
        if send:
            commands.submit(viewer=me, partner_id=partner_id, year=year, expected_version=saved)

    _run(act, "submitted" if send else "saved")


def _answer_fields(ind, items: pd.DataFrame, lang: str) -> None:
    """One indicator of the partner's form: the level with its criteria, the verifier's last
    finding if any, evidence, link and comment."""
    with st.container(border=True):
        st.radio(
            f"{ind.code} · {ind.title(lang)}",
            LEVELS,
            key=f"w_as_{ind.code}_level",
            format_func=lambda v, ind=ind: f"{v} – {ind.criterion(v, lang)}",
        )
        if ind.code in items.index:
            finding(items.loc[ind.code], ind, lang)
        st.text_area(
            t("assess.evidence"),
            key=f"w_as_{ind.code}_evidence",
            max_chars=commands.LIMITS["evidence_text"],
            height=80,
        )
        left, right = st.columns(2)
        left.text_input(
            t("assess.link"),
            key=f"w_as_{ind.code}_link",
            max_chars=commands.LIMITS["evidence_link"],
            placeholder="https://",
        )
        right.text_input(
            t("assess.comment"),
            key=f"w_as_{ind.code}_comment",
            max_chars=commands.LIMITS["comment"],
        )


def review_form(me: Viewer, partner_id: int, year: int, detail: dict, lang: str) -> None:
    """The verifier's form: each indicator with the partner's level and evidence as plain
    text, the verified level and a note; then save, return with a note, or approve."""
    instrument = load_instrument()
    version = _load(detail, partner_id, year, instrument, "review")
    items = detail["items"].set_index("indicator_code")
    with st.form("review_form", border=False):
        for scope in instrument.scope_weights:
            st.subheader(t(f"scope.{scope}"))
            for ind in instrument.of_scope(scope):
                if ind.code not in items.index:
                    continue
                _review_fields(ind, items.loc[ind.code], lang)
        st.text_area(
            t("assess.decision_note"),
            key="w_rv_decision",
            max_chars=commands.LIMITS["note"],
            height=80,
        )
        with st.container(horizontal=True):
            save = st.form_submit_button(t("assess.review_save"), key="w_review_save")
            back = st.form_submit_button(t("assess.return"), key="w_review_return")
            approve = st.form_submit_button(
                t("assess.approve"), key="w_review_approve", type="primary"
            )
    if not (save or back or approve):
        return
    s = st.session_state
    reviews = {
        code: commands.Review(level=s.get(f"w_rv_{code}_level"), note=s.get(f"w_rv_{code}_note"))
        for code in items.index
    }
    outcome = "approved" if approve else "returned" if back else "save"
    _run(
        lambda: commands.review(
            viewer=me,
            partner_id=partner_id,
            year=year,
            reviews=reviews,
            expected_version=version,
            outcome=outcome,
            note=s.get("w_rv_decision", ""),
        ),
        outcome if outcome != "save" else "reviewed",
    )


def _review_fields(ind, item, lang: str) -> None:
    """One indicator of the verifier's form: the partner's level and evidence as plain
    text, the finding before if any, the verified level and a note."""
    with st.container(border=True):
        st.markdown(f"**{ind.code} · {ind.title(lang)}**")
        claimed = int(item["self_level"])
        st.caption(t("assess.claimed", level=claimed))
        st.text(ind.criterion(claimed, lang))
        for column, label in (
            ("evidence_text", "assess.evidence"),
            ("evidence_link", "assess.link"),
            ("comment", "assess.comment"),
        ):
            if item[column]:
                st.caption(t(label))
                st.text(item[column])
        if item["review"] == "pending" and pd.notna(item["verified_level"]):
            st.caption(t("assess.finding_before", level=int(item["verified_level"])))
        left, right = st.columns([1, 2])
        left.selectbox(
            t("assess.verified_level"),
            LEVELS,
            key=f"w_rv_{ind.code}_level",
            format_func=lambda v, c=claimed: f"{v}{' ✓' if v == c else ''}",
        )
        right.text_input(
            t("assess.verifier_note"),
            key=f"w_rv_{ind.code}_note",
            max_chars=commands.LIMITS["verifier_note"],
        )
