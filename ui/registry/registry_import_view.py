"""The file tab of the registry page (admins): partners, MoUs, PKS, follow-through items or
yearly targets from a CSV/XLSX file. The file is read and every unreadable cell listed before
anything is saved; the import then applies every row or none."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from core.imports.import_files import FileProblem, read_table
from core.registry.registry_files import KINDS, Read, read_rows, template_csv
from core.text import fmt
from data_access.registry import registry_import
from data_access.registry.registry import RegistryRefused
from data_access.store.access import Viewer
from ui.frame import tables
from ui.frame.data import changed
from ui.frame.state import Filters, t
from ui.registry.registry_forms import NOTICE_KEY, notice

CHECKED_KEY = "g_registry_file_checked"
ROUND_KEY = "g_registry_file_round"
LISTED = 200


def registry_files(me: Viewer, f: Filters) -> None:
    st.caption(t("registry_file.intro"))
    kind = st.selectbox(
        t("registry_file.kind"),
        list(KINDS),
        key="w_registry_file_kind",
        format_func=lambda k: t(f"registry_file.kind_{k}"),
    )
    spec = KINDS[kind]
    st.caption(t("registry_file.columns", columns=", ".join(x.name for x in spec.fields)))
    st.download_button(
        t("registry_file.template"),
        data=template_csv(spec),
        file_name=f"templat_{kind}.csv",
        mime="text/csv",
        key=f"w_registry_file_template_{kind}",
        on_click="ignore",
    )
    notice("registry_file")
    round_ = st.session_state.get(ROUND_KEY, 0)
    upload = st.file_uploader(
        t("registry_file.upload"), type=["csv", "xlsx"], key=f"w_registry_file_{kind}_{round_}"
    )
    if upload is None:
        return
    try:
        read = _read(kind, upload.name, upload.getvalue())
    except FileProblem as exc:
        st.error(str(exc))
        return
    if read.problems:
        st.error(t("registry_file.problems", n=fmt.number(len(read.problems), f.lang)))
        shown = pd.DataFrame(
            read.problems[:LISTED], columns=[t("col.row"), t("col.column"), t("col.problem")]
        )
        st.dataframe(shown, hide_index=True, width="stretch", key="registry_file_problems")
        return
    st.write(t("registry_file.preview", n=fmt.number(len(read.records), f.lang)))
    rows = pd.DataFrame(read.records[:LISTED]).rename(
        columns={x.key: x.name for x in spec.fields} | {"row": t("col.row")}
    )
    for column in rows.columns:  # lists (scopes) and dates as text
        rows[column] = rows[column].map(lambda v: ", ".join(v) if isinstance(v, list) else v)
    tables.table(
        rows.astype(str), key="registry_file_rows", filters=f, name=t(f"registry_file.kind_{kind}")
    )
    st.button(
        t("registry_file.apply", n=fmt.number(len(read.records), f.lang)),
        type="primary",
        key="w_registry_file_apply",
        on_click=_apply,
        args=(me, kind, upload.name),
    )


def _read(kind: str, name: str, data: bytes) -> Read:
    digest = hashlib.sha256(data).hexdigest()
    cached = st.session_state.get(CHECKED_KEY)
    if cached and cached[:2] == (digest, kind):
        return cached[2]
    headers, rows = read_table(name, data)
    read = read_rows(KINDS[kind], headers, rows)
    st.session_state[CHECKED_KEY] = (digest, kind, read)
    return read


def _apply(me: Viewer, kind: str, file_name: str) -> None:
    state = st.session_state
    cached = state.get(CHECKED_KEY)
    if not cached or cached[1] != kind:
        return
    try:
        counts = registry_import.import_registry(
            viewer=me, kind=kind, records=cached[2].records, file_name=file_name
        )
    except RegistryRefused as exc:
        state[NOTICE_KEY] = ("error", str(exc), "registry_file")
        return
    changed()
    state.pop(CHECKED_KEY, None)
    state[ROUND_KEY] = state.get(ROUND_KEY, 0) + 1
    done = t("registry_file.done", added=counts["added"], changed=counts["changed"])
    state[NOTICE_KEY] = ("success", done, "registry_file")
