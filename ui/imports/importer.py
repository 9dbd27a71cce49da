"""The steps of the import page: template, upload, the row-by-row report, warnings to confirm,
the preview of what changes, and the import itself."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.imports.column_mapping import as_names
from core.imports.import_files import sheet_names
from core.imports.importing import KINDS, FileProblem, check, check_mapping, layout_of
from core.imports.templates import template
from core.text import fmt
from data_access.figures import partners, socialization
from data_access.imports import imports
from data_access.imports.import_checks import LABELS as FIELD_NAMES
from data_access.store.access import AccessDenied, Viewer
from ui.accounts import auth
from ui.frame import tables
from ui.frame.data import changed, read
from ui.frame.state import Filters, t
from ui.imports import column_map, file_wide

CHECKED_KEY = "g_import_checked"
DONE_KEY = "g_import_done"
PREVIEW_ROWS = 200  # changed rows listed before an import (the counts cover them all)


def choose_kind() -> str:
    return st.selectbox(
        t("import.kind"),
        list(KINDS),
        key="w_import_kind",
        format_func=lambda k: t(f"import.kind_{k}"),
    )


def template_bytes(kind: str, viewer: Viewer) -> bytes:
    """The XLSX template of `kind` for `viewer`: named explicitly, since the download builds
    it outside the page's run, where the session's account is not at hand."""
    known = read(partners.list_partners, viewer=viewer)
    if viewer.is_partner:  # its own partner only (the others come without names)
        known = known[known["partner_id"] == viewer.partner_id]
    listed = kind in ("sosialisasi", "sosialisasi_rekap")
    villages = read(socialization.village_codes, viewer=viewer) if listed else pd.DataFrame()
    return template(
        kind,
        partners=list(zip(known["code"], known["name"], strict=True)),
        villages=list(villages.itertuples(index=False, name=None)),
        demo=read(partners.dataset_info, viewer=viewer)["is_demo"],
    )


def template_button(kind: str, viewer: Viewer) -> None:
    st.download_button(
        t("import.template"),
        data=auth.guarded_download(lambda: template_bytes(kind, viewer)),
        file_name=f"templat_{kind}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"w_import_template_{kind}",
        on_click="ignore",
    )


def _checked(kind: str, sheet, fixed: dict, mapping: dict, viewer: Viewer):
    """Check the file once per content, kind, mapping and whole-file values (a rerun must
    not check 100,000 rows again)."""
    key = (file_wide.digest_of(), kind, tuple(sorted(fixed.items())),
           tuple(sorted(mapping.items(), key=lambda item: item[0])))  # fmt: skip
    cached = st.session_state.get(CHECKED_KEY)
    if cached and cached[:4] == key:
        return cached[4]
    lookups = imports.lookups(viewer=viewer)
    result = check(KINDS[kind], sheet.headers, sheet.rows, lookups, fixed=fixed, mapping=mapping)
    result.formulas = sheet.formulas
    st.session_state[CHECKED_KEY] = (*key, result.compacted())
    return result


def refused(checked, filters: Filters) -> None:
    """Nothing is imported: how many rows need mending, and whether the report below lists
    only the first of their problems."""
    n = fmt.number(checked.rows_refused, filters.lang)
    st.error(t("import.refused", n=n), icon=":material/warning:")
    if checked.problems_found > len(checked.problems):
        st.caption(
            t(
                "import.first_problems",
                shown=fmt.number(len(checked.problems), filters.lang),
                n=fmt.number(checked.problems_found, filters.lang),
            )
        )


def cumulative_choice(kind: str, checked) -> bool:
    """For budgets: whether the file's realisasi is in-quarter (the template) or cumulative
    through the quarter ("realisasi s.d. triwulan"); the header suggests which."""
    if kind != "anggaran":
        return False
    options = ["in_quarter", "cumulative"]
    choice = st.radio(
        t("import.realisasi_basis"),
        options,
        index=1 if checked.cumulative_header else 0,
        format_func=lambda o: t(f"import.basis_{o}"),
        key="w_import_basis",
        horizontal=True,
        help=t("import.basis_help"),
    )
    return choice == "cumulative"


def _report(
    problems, key: str, name: str, filters: Filters, source: str = "", columns=None
) -> None:
    """The rows refused or warned about; a field is named as the file names its column
    (`columns`: field → the file's column name), else as a word."""
    columns = columns or {}
    frame = pd.DataFrame(
        {
            t("import.col_row"): [p.row for p in problems],
            t("import.col_column"): [
                columns.get(p.column) or (column_map.field_label(p.column) if p.column else "")
                for p in problems
            ],
            t("import.col_value"): [p.value for p in problems],
            t("import.col_problem"): [p.problem for p in problems],
            t("import.col_right"): [p.right for p in problems],
        }
    )
    # The report is named after the file it is about, not after the sidebar's period.
    stem = f"{name} {source.rsplit('.', 1)[0]}" if source else None
    tables.table(frame, key=key, filters=filters, name=name, file_stem=stem)


def run(viewer: Viewer, filters: Filters) -> None:
    """The import page's steps: template, upload, read and map the file, the report of what
    is wrong, warnings to confirm, the preview, then the import itself."""
    done_notice()
    kind = choose_kind()
    template_button(kind, viewer)
    upload = st.file_uploader(t("import.upload"), type=["csv", "xlsx"], key=f"w_import_file_{kind}")
    if upload is None:
        st.info(t("import.hint"), icon=":material/info:")
        return
    read = _read_upload(kind, upload, viewer, filters)
    if read is None:
        return
    checked, names = read
    _left_out(checked)
    if checked.problems:
        refused(checked, filters)
        _report(
            checked.problems,
            "import_problems",
            t("import.report_name"),
            filters,
            upload.name,
            names,
        )
        return
    if not checked.records:
        st.info(t("import.no_rows"), icon=":material/info:")
        return
    cumulative = cumulative_choice(kind, checked)
    work = imports.preview(viewer=viewer, kind=kind, records=checked.records, cumulative=cumulative)
    if work.problems:
        rows = len({p.row for p in work.problems})
        st.error(t("import.refused", n=fmt.number(rows, filters.lang)), icon=":material/warning:")
        _report(
            work.problems, "import_problems", t("import.report_name"), filters, upload.name, names
        )
        return
    warnings = checked.warnings + work.warnings
    confirmed = _confirmed(warnings, filters, upload.name, names)
    if not _previewed(work, filters):
        return
    if st.button(t("import.go"), key="w_import_go", type="primary", disabled=not confirmed):
        _apply(
            viewer,
            kind,
            checked,
            upload,
            filters,
            warnings=len(warnings),
            confirmed=confirmed,
            cumulative=cumulative,
            names=names,
        )


def _read_upload(kind: str, upload, viewer: Viewer, filters: Filters):
    """The uploaded file read, its columns mapped and its rows checked: (the check, the
    file's own column names), or None when the page has said what is missing or wrong."""
    data = upload.getvalue()
    try:
        sheet = file_wide.sheet_of(upload.name, data)
        layout = layout_of(KINDS[kind], sheet.headers, sheet.rows)
        if layout.header_row > 1:
            st.caption(t("import.header_found", row=layout.header_row))
            st.text(" · ".join(layout.context[:3]) or "–")  # the file's own words, as text
        mapping = column_map.choose(kind, layout, viewer, file_wide.tag_of())
        check_mapping(KINDS[kind], layout.headers, mapping)
        fixed = file_wide.values(kind, layout, mapping, viewer, filters)
        if fixed is None:
            return None
        checked = _checked(kind, sheet, fixed, mapping, viewer)
        return checked, as_names(layout.headers, mapping)  # the file's own column names
    except FileProblem as exc:
        st.error(str(exc), icon=":material/warning:")
        if len(sheet_names(upload.name, data)) > 1:
            st.caption(t("import.sheet_other"))  # the table may be on another sheet
        return None


def _left_out(checked) -> None:
    """What the check left out on purpose, said: skipped rows, the file's own totals, rows
    of other partners or periods, formulas without a saved value."""
    if checked.skipped:
        st.caption(t("import.skipped", rows=", ".join(map(str, checked.skipped))))
    if checked.totals:
        totals = ", ".join(
            f"{row} ({word or t('import.total_by_sum')})" for row, word in checked.totals
        )
        st.caption(t("import.totals_skipped", rows=totals))
    if checked.outside:
        st.caption(t("import.outside", n=len(checked.outside)))
        st.text(
            ", ".join(f"{row} ({name})" for row, name in checked.outside[:30])
            + (" …" if len(checked.outside) > 30 else "")
        )
    if checked.formulas:
        cells = ", ".join(checked.formulas[:12]) + (" …" if len(checked.formulas) > 12 else "")
        st.caption(t("import.formulas", n=len(checked.formulas), cells=cells))


def _confirmed(warnings: list, filters: Filters, file_name: str, names) -> bool:
    """Whether the warnings (if any) are confirmed: listed, downloadable, and a box to tick."""
    if not warnings:
        return True
    st.warning(t("import.warnings", n=len(warnings)), icon=":material/warning:")
    _report(warnings, "import_warnings", t("import.warnings_name"), filters, file_name, names)
    return st.checkbox(t("import.confirm"), key="w_import_confirm")


def _previewed(work, filters: Filters) -> bool:
    """The preview: rows added, changed and left, and each changed field; False when there
    is nothing to import."""
    cols = st.columns(3)
    cols[0].metric(t("import.added"), fmt.number(len(work.added), filters.lang))
    cols[1].metric(t("import.changed"), fmt.number(len(work.changed), filters.lang))
    cols[2].metric(t("import.unchanged"), fmt.number(work.unchanged, filters.lang))
    if not work.added and not work.changed:
        st.info(t("import.nothing"), icon=":material/info:")
        return False
    if work.changed:
        st.caption(t("import.changes_note", n=min(len(work.changed), PREVIEW_ROWS)))
        changes = [
            {
                t("import.col_key"): new.get("_row", ""),
                t("import.col_field"): FIELD_NAMES.get(field, field),
                t("import.col_old"): old[field],
                t("import.col_new"): new[field],
            }
            for _, old, new in work.changed[:PREVIEW_ROWS]
            for field in old
            if old[field] != new[field]
        ]
        st.dataframe(pd.DataFrame(changes), hide_index=True, width="stretch", key="import_changes")
    return True


def _apply(
    viewer: Viewer,
    kind: str,
    checked,
    upload,
    filters: Filters,
    *,
    warnings: int,
    confirmed: bool,
    cumulative,
    names,
) -> None:
    """Import the checked records in one transaction, then show what was done."""
    try:
        result = imports.apply(
            viewer=viewer,
            kind=kind,
            records=checked.records,
            file_name=upload.name,
            file_bytes=upload.getvalue(),
            warnings=warnings,
            confirmed=confirmed,
            cumulative=cumulative,
            columns=names,
        )
    except (imports.ImportRefused, AccessDenied) as exc:
        st.error(str(exc), icon=":material/warning:")
        return
    changed()  # every figure may have changed
    st.session_state.pop(CHECKED_KEY, None)
    st.session_state[DONE_KEY] = {
        "added": fmt.number(len(result.added), filters.lang),
        "changed": fmt.number(len(result.changed), filters.lang),
        "unchanged": fmt.number(result.unchanged, filters.lang),
    }
    st.rerun()


def rows_from_table(edited: pd.DataFrame, columns: list[str]) -> list[tuple[int, list]]:
    """The typed table as numbered rows like a file's (the header is row 1); empty rows are
    dropped and every cell is text, as if typed into a spreadsheet."""
    rows = []
    for n, row in enumerate(edited[columns].itertuples(index=False), start=2):
        cells = ["" if pd.isna(v) else str(v) for v in row]
        if any(c.strip() for c in cells):
            rows.append((n, cells))
    return rows


def done_notice() -> None:
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(t("import.done", **done), icon=":material/check_circle:")


def table_entry(viewer: Viewer, filters: Filters, quarter: int) -> None:
    """Rows typed into an editable table, checked and written exactly like an upload."""
    kind = st.selectbox(
        t("import.kind"),
        list(KINDS),
        key="w_edit_kind",
        format_func=lambda k: t(f"import.kind_{k}"),
    )
    columns = [c.name for c in KINDS[kind].columns]
    known = read(partners.list_partners)
    own = known[known["partner_id"] == viewer.partner_id]["code"]
    start = {"kode_mitra": own.iloc[0] if len(own) else "", "tahun": str(filters.year)}
    if "triwulan" in columns:
        start["triwulan"] = str(quarter)
    blank = pd.DataFrame([{c: start.get(c, "") for c in columns}], dtype="string")
    edited = st.data_editor(
        blank,
        key=f"w_edit_rows_{kind}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        # The template's fields, named as words (kode_mitra → Kode mitra) with their help line.
        column_config={
            c.name: st.column_config.TextColumn(column_map.field_label(c.name), help=c.explain)
            for c in KINDS[kind].columns
        },
    )
    confirmed = st.checkbox(t("import.confirm"), key="w_edit_confirm")
    if not st.button(t("import.save_rows"), key="w_edit_save", type="primary"):
        return
    rows = rows_from_table(edited, columns)
    if not rows:
        st.error(t("import.no_rows"), icon=":material/warning:")
        return
    checked = check(KINDS[kind], columns, rows, imports.lookups(viewer=viewer))
    if checked.problems:
        refused(checked, filters)
        _report(checked.problems, "edit_problems", t("import.report_name"), filters)
        return
    if checked.warnings and not confirmed:
        st.warning(t("import.warnings", n=len(checked.warnings)), icon=":material/warning:")
        _report(checked.warnings, "edit_warnings", t("import.warnings_name"), filters)
        return
    _save_typed(viewer, kind, checked, edited, confirmed, filters)


def _save_typed(
    viewer: Viewer, kind: str, checked, edited: pd.DataFrame, confirmed: bool, filters: Filters
) -> None:
    """Write the typed rows as an import of a file named "tabel", then show what was done."""
    try:
        result = imports.apply(
            viewer=viewer,
            kind=kind,
            records=checked.records,
            file_name="tabel",
            file_bytes=edited.to_csv(index=False).encode(),
            warnings=len(checked.warnings),
            confirmed=confirmed,
        )
    except (imports.ImportRefused, AccessDenied) as exc:
        st.error(str(exc), icon=":material/warning:")
        return
    changed()
    st.session_state[DONE_KEY] = {
        "added": fmt.number(len(result.added), filters.lang),
        "changed": fmt.number(len(result.changed), filters.lang),
        "unchanged": fmt.number(result.unchanged, filters.lang),
    }
    st.rerun()
