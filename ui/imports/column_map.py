"""The mapping step of the import page: which column of the file each field of the kind
takes, suggested from the synonym lists (or the mapping used before for the same partner and
kind) and changeable by dropdown; the file's columns no field takes are listed as ignored."""

from __future__ import annotations

import streamlit as st

from core.imports import column_mapping
from core.imports.importing import KINDS
from core.imports.table_layout import Layout
from data_access.imports import import_mappings
from data_access.store.access import Viewer
from ui.frame.state import t


def field_label(name: str) -> str:
    """A template field as a heading: `peserta_laki_laki` → `Peserta laki-laki`."""
    return name.replace("_", " ").replace("laki laki", "laki-laki").capitalize()


REMEMBERED_KEY = "g_import_remembered"


def _remembered(kind: str, viewer: Viewer, tag: str) -> list[dict[str, str]]:
    """The mappings used before, read once per file, sheet and kind (not on every rerun)."""
    cached = st.session_state.get(REMEMBERED_KEY)
    if not cached or cached[0] != (kind, tag):
        cached = ((kind, tag), import_mappings.remembered(viewer=viewer, kind=kind))
        st.session_state[REMEMBERED_KEY] = cached
    return cached[1]


def choose(kind: str, layout: Layout, viewer: Viewer, tag: str) -> dict[str, int | None]:
    """Field → position among the file's column names (None: not in the file). The widgets
    are keyed by the file and sheet (`tag`), so that another one starts from its own
    suggestion."""
    spec = KINDS[kind]
    headers = layout.headers
    before = column_mapping.best_remembered(spec, headers, _remembered(kind, viewer, tag))
    suggested = column_mapping.suggest(spec, headers, before)
    template = [c.name for c in spec.columns]
    exact = all(suggested.get(n) is not None and headers[suggested[n]] == n for n in template)
    options: list[int | None] = [None, *range(len(headers))]

    def shown(position: int | None) -> str:
        if position is None:
            return t("import.map_none")
        name = " ".join(str(headers[position]).split())
        return t("import.map_column", n=position + 1, name=name or "–")

    chosen: dict[str, int | None] = {}
    with st.expander(t("import.mapping"), expanded=not exact, icon=":material/view_column:"):
        st.caption(t("import.mapping_help_remembered" if before else "import.mapping_help"))
        columns = st.columns(3)
        for n, column in enumerate(spec.columns):
            label = field_label(column.name) + ("" if column.required else t("import.optional"))
            chosen[column.name] = columns[n % 3].selectbox(
                label,
                options,
                index=options.index(suggested.get(column.name)),
                format_func=shown,
                placeholder=t("import.choose"),
                key=f"w_import_map_{kind}_{column.name}_{tag}",
                help=column.explain,
            )
        left = column_mapping.ignored(headers, chosen)
        if left:
            st.caption(t("import.mapping_ignored", n=len(left)))
            st.text(", ".join(" ".join(str(h).split()) for h in left))  # the file's words, as text
    return chosen
