"""The yearly targets tab of the registry page (admins): every partner's target for a year,
and a form to set one partner's."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.figures.periods import today
from data_access.registry import targets
from data_access.registry.registry import RegistryRefused
from data_access.store.access import Viewer
from ui.frame import tables
from ui.frame.data import changed, read
from ui.frame.state import Filters, t
from ui.registry import registry_forms
from ui.registry.registry_forms import NOTICE_KEY


def targets_tab(me: Viewer, f: Filters, known: pd.DataFrame) -> None:
    """`known`: the partners as registry_partners reads them."""
    if known.empty:
        st.info(t("registry.partner_first"), icon=":material/info:")
        return
    st.caption(t("targets.intro"))
    now = today().year
    year = int(st.selectbox(t("col.year"), list(range(now - 2, now + 3)), index=2, key="w_tg_year"))
    rows = read(targets.registry_targets, year=year)
    set_for = int((rows["version"] > 0).sum())
    st.markdown(t("targets.count", n=set_for, total=len(rows), year=year))
    _targets_table(rows, year, f)
    registry_forms.notice("targets")
    names = dict(zip(rows["partner_id"], rows["short_name"], strict=True))
    pid = int(
        st.selectbox(t("targets.which"), list(names), key="w_tg_partner", format_func=names.get)
    )
    row = rows[rows["partner_id"] == pid].iloc[0]
    version = int(row["version"])
    suffix = f"{pid}_{year}_{version}"
    with st.form(f"target_form_{suffix}"):
        st.number_input(
            t("col.budget_target"),
            min_value=0,
            step=1_000_000,
            value=int(row["budget_target_rp"]),
            key=f"w_tg_budget_{suffix}",
            help=t("targets.budget_help"),
        )
        left, right = st.columns(2)
        left.number_input(
            t("col.target"),
            min_value=0,
            step=1,
            value=int(row["trainees_target"]),
            key=f"w_tg_trainees_{suffix}",
        )
        villages_help = (
            t("targets.villages_help", n=int(row["villages_total"]))
            if row["partner_type"] == "pemda"
            else None
        )
        right.number_input(
            t("col.villages_target"),
            min_value=0,
            step=1,
            value=int(row["villages_target"]),
            key=f"w_tg_villages_{suffix}",
            help=villages_help,
        )
        st.form_submit_button(
            t("targets.save"),
            type="primary",
            on_click=_save,
            args=(me, pid, year, suffix, version, names[pid]),
        )


def _targets_table(rows: pd.DataFrame, year: int, f: Filters) -> None:
    """Every partner's targets of `year`; a partner without them shows "–", not zero."""
    unset = rows["version"] == 0  # shown as "–", not as a target of zero
    shown = pd.DataFrame(
        {
            t("col.partner"): rows["short_name"],
            t("col.budget_target"): rows["budget_target_rp"].mask(unset),
            t("col.target"): rows["trainees_target"].mask(unset),
            t("col.villages_target"): rows["villages_target"].mask(unset),
            t("col.villages_total"): rows["villages_total"].mask(rows["partner_type"] != "pemda"),
        }
    )
    tables.table(
        shown,
        key="partner_targets",
        filters=f,
        name=t("targets.title", year=year),
        formats={
            t("col.budget_target"): "rp",
            t("col.target"): "int",
            t("col.villages_target"): "int",
            t("col.villages_total"): "int",
        },
    )


def _save(me: Viewer, pid: int, year: int, suffix: str, version: int, name: str) -> None:
    state = st.session_state
    try:
        targets.save_target(
            viewer=me,
            partner_id=pid,
            year=year,
            budget_rp=int(state.get(f"w_tg_budget_{suffix}") or 0),
            trainees=int(state.get(f"w_tg_trainees_{suffix}") or 0),
            villages=int(state.get(f"w_tg_villages_{suffix}") or 0),
            expected_version=version,
        )
    except RegistryRefused as exc:
        state[NOTICE_KEY] = ("error", str(exc), "targets")
        return
    changed()  # capaian peserta and the target columns change on every page
    state[NOTICE_KEY] = ("success", t("targets.saved", partner=name, year=year), "targets")
