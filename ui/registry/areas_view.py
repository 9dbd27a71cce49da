"""The official area list on the registry page: what is loaded (and from which decree), and a
new list read from the Kemendagri file, checked and shown before it is loaded."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from core.imports.import_files import FileProblem, read_table
from core.registry.reference_areas import AreaCheck, check_areas
from core.text import fmt
from data_access.registry import reference_areas
from data_access.store.access import Viewer
from ui.frame import tables
from ui.frame.data import changed, read
from ui.frame.state import Filters, t

CHECKED_KEY = "g_areas_checked"
DONE_KEY = "g_areas_done"
PROBLEM_KEY = "g_areas_problem"
ROUND_KEY = "g_areas_round"
LISTED = 200  # renamed and removed codes listed before loading (the counts cover them all)


def area_list(me: Viewer, f: Filters) -> None:
    _loaded(f)
    st.caption(t("areas.how"))
    # A new key after each load: the next visit starts with an empty upload box.
    round_ = st.session_state.get(ROUND_KEY, 0)
    upload = st.file_uploader(t("areas.upload"), type=["csv", "xlsx"], key=f"w_areas_file_{round_}")
    if upload is None:
        return
    data = upload.getvalue()
    try:
        checked = _checked(upload.name, data, me)
    except FileProblem as exc:
        st.error(str(exc))
        return
    if checked.problems:
        st.error(t("areas.problems", n=fmt.number(len(checked.problems), f.lang)))
        shown = pd.DataFrame(checked.problems[:LISTED], columns=[t("col.row"), t("col.problem")])
        st.dataframe(shown, hide_index=True, width="stretch", key="areas_problems")
        return
    _preview(checked, f)
    with st.form("areas_load"):
        st.text_input(
            t("areas.version"), max_chars=120, key="w_areas_version", placeholder=t("areas.example")
        )
        st.form_submit_button(
            t("areas.load"), type="primary", on_click=_load, args=(me, upload.name)
        )


def _loaded(f: Filters) -> None:
    """What the last load did, or why it failed; which list is loaded now."""
    summary = read(reference_areas.area_summary)
    problem = st.session_state.pop(PROBLEM_KEY, None)
    if problem:
        st.error(problem)
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(t("areas.done", **{k: fmt.number(v, f.lang) for k, v in done.items()}))
    if summary["version"]:
        counts = summary["counts"]
        st.caption(
            t(
                "areas.loaded",
                version=summary["version"],
                **{
                    level: fmt.number(counts.get(level, 0), f.lang)
                    for level in ("provinsi", "kabupaten_kota", "kecamatan", "desa")
                },
            )
        )
    else:
        st.info(t("areas.none"), icon=":material/info:")


def _preview(checked, f: Filters) -> None:
    """What loading the file would change: codes added, renamed and removed."""
    st.write(
        t(
            "areas.preview",
            added=fmt.number(checked.added, f.lang),
            renamed=fmt.number(len(checked.renamed), f.lang),
            removed=fmt.number(len(checked.removed), f.lang),
        )
    )
    if checked.renamed:
        renamed = pd.DataFrame(
            checked.renamed[:LISTED],
            columns=[t("col.code"), t("areas.old_name"), t("areas.new_name")],
        )
        tables.table(renamed, key="areas_renamed", filters=f, name=t("areas.renamed_title"))
    if checked.removed:
        st.warning(t("areas.removed_note"), icon=":material/warning:")
        removed = pd.DataFrame(checked.removed[:LISTED], columns=[t("col.code"), t("col.name")])
        tables.table(removed, key="areas_removed", filters=f, name=t("areas.removed_title"))


def _checked(name: str, data: bytes, me: Viewer) -> AreaCheck:
    """Read and check a file once per content and loaded list."""
    loaded = read(reference_areas.loaded_areas)
    digest = hashlib.sha256(data + repr(sorted(loaded.items())).encode()).hexdigest()
    cached = st.session_state.get(CHECKED_KEY)
    if cached and cached[0] == digest:
        return cached[1]
    headers, rows = read_table(name, data)
    checked = check_areas(headers, rows, loaded)
    st.session_state[CHECKED_KEY] = (digest, checked)
    return checked


def _load(me: Viewer, file_name: str) -> None:
    cached = st.session_state.get(CHECKED_KEY)
    if not cached:
        return
    checked = cached[1]
    try:
        counts = reference_areas.load_areas(
            viewer=me,
            areas=checked.areas,
            removed=[code for code, _ in checked.removed],
            version=st.session_state.get("w_areas_version", ""),
            file_name=file_name,
        )
    except reference_areas.AreaLoadRefused as exc:
        st.session_state[PROBLEM_KEY] = str(exc)
        return
    changed()  # region and village names may have changed
    st.session_state.pop(CHECKED_KEY, None)
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    st.session_state[DONE_KEY] = counts
