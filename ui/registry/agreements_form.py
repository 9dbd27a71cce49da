"""The MoU & PKS tab of the registry page (admins): register a partner's MoU (or its
renewal) and the PKS under it, or correct one already registered. Each refusal is a sentence
above its form; nothing is saved half."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.assessment.instrument import SCOPES
from data_access.registry import agreements
from data_access.registry.registry import RegistryRefused
from data_access.store.access import Viewer
from ui.frame.data import changed, read
from ui.frame.state import t
from ui.registry.registry_forms import NOTICE_KEY, notice

NEW = "new"


def agreements_tab(me: Viewer, known: pd.DataFrame) -> None:
    """`known`: the partners as registry_partners reads them."""
    if known.empty:
        st.info(t("registry.partner_first"), icon=":material/info:")
        return
    names = dict(zip(known["partner_id"], known["short_name"], strict=True))
    pid = int(
        st.selectbox(
            t("col.partner"), list(names), key="w_registry_mou_partner", format_func=names.get
        )
    )
    mous = read(agreements.agreements_of, partner_id=pid)
    _mou_form(me, pid, mous)
    if not mous.empty:
        _pks_form(me, pid, mous, read(agreements.pks_of, partner_id=pid))


def _chosen(label: str, key: str, rows: pd.DataFrame, id_column: str, new_label: str):
    """The record a form edits: None for a new one, else its row."""
    numbers = dict(zip(rows[id_column], rows["number"], strict=True))
    which = st.selectbox(
        label, [NEW, *numbers], key=key, format_func=lambda v: new_label if v == NEW else numbers[v]
    )
    return None if which == NEW else rows[rows[id_column] == which].iloc[0]


def _mou_form(me: Viewer, pid: int, mous: pd.DataFrame) -> None:
    notice("mou")
    row = _chosen(
        t("registry.mou_which"), f"w_rm_which_{pid}", mous, "mou_id", t("registry.new_mou")
    )
    s = f"{pid}_{NEW}" if row is None else f"{pid}_{row['mou_id']}_{row['version']}"
    with st.form(f"mou_form_{s}"):
        left, right = st.columns(2)
        left.text_input(
            t("col.number"),
            max_chars=80,
            key=f"w_rm_number_{s}",
            value="" if row is None else row["number"],
        )
        left.date_input(
            t("col.signed_on"),
            format="DD/MM/YYYY",
            key=f"w_rm_signed_{s}",
            value=None if row is None else row["signed_on"],
        )
        left.date_input(
            t("col.valid_until"),
            format="DD/MM/YYYY",
            key=f"w_rm_until_{s}",
            value=None if row is None else row["valid_until"],
        )
        right.pills(
            t("col.scopes"),
            SCOPES,
            selection_mode="multi",
            key=f"w_rm_scopes_{s}",
            default=None if row is None else list(row["scopes"]),
            format_func=lambda v: t(f"scope.{v}"),
        )
        right.text_input(
            t("registry.document"),
            max_chars=500,
            key=f"w_rm_url_{s}",
            placeholder="https://",
            value="" if row is None else row["document_url"],
        )
        if row is None:  # a renewal is chosen when the new MoU is registered
            open_ = mous[~mous["renewed"].astype(bool)].set_index("mou_id")
            right.selectbox(
                t("registry.renews"),
                [None, *open_.index],
                key=f"w_rm_renews_{s}",
                format_func=lambda v: (
                    t("registry.renews_none") if v is None else open_.loc[v, "number"]
                ),
            )
        target = None if row is None else (int(row["mou_id"]), int(row["version"]))
        st.form_submit_button(
            t("registry.save_mou"), type="primary", on_click=_save_mou, args=(me, pid, s, target)
        )


def _pks_form(me: Viewer, pid: int, mous: pd.DataFrame, pks: pd.DataFrame) -> None:
    notice("pks")
    row = _chosen(
        t("registry.pks_which"), f"w_rk_which_{pid}", pks, "pks_id", t("registry.new_pks")
    )
    s = f"{pid}_{NEW}" if row is None else f"{pid}_{row['pks_id']}_{row['version']}"
    numbers = dict(zip(mous["mou_id"], mous["number"], strict=True))
    with st.form(f"pks_form_{s}"):
        left, right = st.columns(2)
        mou_ids = list(numbers)
        left.selectbox(
            "MoU",
            mou_ids,
            key=f"w_rk_mou_{s}",
            format_func=numbers.get,
            index=0 if row is None else mou_ids.index(row["mou_id"]),
        )
        left.text_input(
            t("col.number"),
            max_chars=80,
            key=f"w_rk_number_{s}",
            value="" if row is None else row["number"],
        )
        left.text_input(
            t("col.title"),
            max_chars=200,
            key=f"w_rk_title_{s}",
            value="" if row is None else row["title"],
        )
        right.selectbox(
            t("col.scope"),
            SCOPES,
            key=f"w_rk_scope_{s}",
            index=0 if row is None else SCOPES.index(row["scope_code"]),
            format_func=lambda v: t(f"scope.{v}"),
        )
        right.date_input(
            t("col.signed_on"),
            format="DD/MM/YYYY",
            key=f"w_rk_signed_{s}",
            value=None if row is None else row["signed_on"],
        )
        right.date_input(
            t("col.valid_until"),
            format="DD/MM/YYYY",
            key=f"w_rk_until_{s}",
            value=None if row is None else row["valid_until"],
        )
        target = None if row is None else (int(row["pks_id"]), int(row["version"]))
        st.form_submit_button(
            t("registry.save_pks"), type="primary", on_click=_save_pks, args=(me, s, target)
        )


def _save_mou(me: Viewer, partner_id: int, s: str, target: tuple[int, int] | None) -> None:
    state = st.session_state
    number = state.get(f"w_rm_number_{s}", "") or ""
    try:
        agreements.save_mou(
            viewer=me,
            partner_id=partner_id,
            number=number,
            signed_on=state.get(f"w_rm_signed_{s}"),
            valid_until=state.get(f"w_rm_until_{s}"),
            scopes=list(state.get(f"w_rm_scopes_{s}") or []),
            document_url=state.get(f"w_rm_url_{s}", "") or "",
            renews_mou_id=state.get(f"w_rm_renews_{s}"),
            mou_id=None if target is None else target[0],
            expected_version=None if target is None else target[1],
        )
    except RegistryRefused as exc:
        state[NOTICE_KEY] = ("error", str(exc), "mou")
        return
    changed()  # MoU status and follow-through figures change
    _clear_new(s, target)
    state[NOTICE_KEY] = ("success", t("registry.mou_saved", number=number.strip()), "mou")


def _save_pks(me: Viewer, s: str, target: tuple[int, int] | None) -> None:
    state = st.session_state
    number = state.get(f"w_rk_number_{s}", "") or ""
    try:
        agreements.save_pks(
            viewer=me,
            mou_id=int(state[f"w_rk_mou_{s}"]),
            number=number,
            title=state.get(f"w_rk_title_{s}", "") or "",
            scope_code=state.get(f"w_rk_scope_{s}", ""),
            signed_on=state.get(f"w_rk_signed_{s}"),
            valid_until=state.get(f"w_rk_until_{s}"),
            pks_id=None if target is None else target[0],
            expected_version=None if target is None else target[1],
        )
    except RegistryRefused as exc:
        state[NOTICE_KEY] = ("error", str(exc), "pks")
        return
    changed()
    _clear_new(s, target)
    state[NOTICE_KEY] = ("success", t("registry.pks_saved", number=number.strip()), "pks")


def _clear_new(s: str, target) -> None:
    """After a new record is saved its form starts empty again (a correction's form is
    keyed by the new version and shows the saved record anyway)."""
    if target is None:
        for key in [k for k in st.session_state if str(k).endswith(f"_{s}")]:
            del st.session_state[key]
