"""The follow-through tab of the registry page (admins): a partner's standard MoU items with
their status, and a form to add or update one of them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.figures.deliverables import STANDARD, STATUSES
from data_access.registry import follow_through
from data_access.registry.registry import RegistryRefused
from data_access.store.access import Viewer
from ui.frame import tables
from ui.frame.data import changed, read
from ui.frame.state import Filters, t
from ui.registry import registry_forms
from ui.registry.registry_forms import NOTICE_KEY


def follow_through_tab(me: Viewer, f: Filters, known: pd.DataFrame) -> None:
    """`known`: the partners as registry_partners reads them."""
    if known.empty:
        st.info(t("registry.partner_first"), icon=":material/info:")
        return
    names = dict(zip(known["partner_id"], known["short_name"], strict=True))
    kinds = dict(zip(known["partner_id"], known["partner_type"], strict=True))
    pid = int(
        st.selectbox(t("col.partner"), list(names), key="w_ft_partner", format_func=names.get)
    )
    items = read(follow_through.follow_through_items, partner_id=pid)
    _items_table(items, names[pid], f)
    registry_forms.notice("follow")
    standard = [f"{scope}|{kind}" for scope, kind in STANDARD[kinds[pid]]]
    item = st.selectbox(
        t("col.deliverable"),
        standard,
        key=f"w_ft_item_{pid}",
        format_func=lambda v: t(f"deliverable.{v.split('|')[1]}"),
    )
    scope, kind = item.split("|")
    saved = items[(items["scope_code"] == scope) & (items["kind"] == kind)]
    row = saved.iloc[0] if len(saved) else None
    suffix = f"{pid}_{item}_{None if row is None else int(row['version'])}"
    with st.form(f"follow_form_{suffix}"):
        left, right = st.columns(2)
        left.selectbox(
            t("col.status"),
            STATUSES,
            key=f"w_ft_status_{suffix}",
            index=STATUSES.index(row["status"]) if row is not None else 0,
            format_func=lambda s: t(f"deliverable_status.{s}"),
        )
        left.date_input(
            t("col.due_on"),
            value=None if row is None else row["due_on"],
            format="DD/MM/YYYY",
            key=f"w_ft_due_{suffix}",
        )
        left.date_input(
            t("col.completed_on"),
            format="DD/MM/YYYY",
            key=f"w_ft_done_{suffix}",
            value=None if row is None or pd.isna(row["completed_on"]) else row["completed_on"],
        )
        right.text_area(
            t("col.evidence"),
            value="" if row is None else row["evidence_note"],
            max_chars=1000,
            key=f"w_ft_note_{suffix}",
        )
        st.form_submit_button(
            t("follow.save"),
            type="primary",
            on_click=_save,
            args=(me, pid, scope, kind, suffix, None if row is None else int(row["version"])),
        )


def _items_table(items: pd.DataFrame, partner: str, f: Filters) -> None:
    """A partner's follow-through items, or a line saying it has none yet."""
    if items.empty:
        st.info(t("follow.none", partner=partner), icon=":material/info:")
    else:
        shown = pd.DataFrame(
            {
                t("col.scope"): [t(f"scope.{s}") for s in items["scope_code"]],
                t("col.deliverable"): [t(f"deliverable.{k}") for k in items["kind"]],
                t("col.status"): [t(f"deliverable_status.{s}") for s in items["status"]],
                t("col.due_on"): items["due_on"],
                t("col.completed_on"): items["completed_on"],
                t("col.evidence"): items["evidence_note"],
            }
        )
        tables.table(
            shown,
            key="follow_through",
            filters=f,
            name=t("follow.title"),
            formats={t("col.due_on"): "short_date", t("col.completed_on"): "short_date"},
            details=[t("col.scope"), t("col.evidence")],
        )


def _save(me: Viewer, pid: int, scope: str, kind: str, suffix: str, version: int | None) -> None:
    state = st.session_state
    try:
        follow_through.save_item(
            viewer=me,
            partner_id=pid,
            scope_code=scope,
            kind=kind,
            status=state.get(f"w_ft_status_{suffix}", ""),
            due_on=state.get(f"w_ft_due_{suffix}"),
            completed_on=state.get(f"w_ft_done_{suffix}"),
            evidence_note=state.get(f"w_ft_note_{suffix}", "") or "",
            expected_version=version,
        )
    except RegistryRefused as exc:
        state[NOTICE_KEY] = ("error", str(exc), "follow")
        return
    changed()  # the follow-through indicator and the MoU page change
    state[NOTICE_KEY] = ("success", t("follow.saved", item=t(f"deliverable.{kind}")), "follow")
