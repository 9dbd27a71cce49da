"""Table downloads: CSV and XLSX that are safe to open in a spreadsheet."""

from __future__ import annotations

import io
import re

import pandas as pd

from core.text.i18n import t

# What a spreadsheet may run or follow: formulas (also {=…} array formulas), DDE and links.
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "{", "|")


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = [
                "'" + v if isinstance(v, str) and v.startswith(DANGEROUS_PREFIXES) else v
                for v in out[column]
            ]
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def file_stem(
    name: str,
    year: int,
    quarter: int,
    filters: list[str | None],
    *,
    approved_only: str | None,
    demo: str | None,
) -> str:
    """A file name without extension that tells the period, the partner filters, the
    approval mode and demo data apart, so that the same table downloaded with the switch on
    and off gets two names. `approved_only` and `demo` are the words to add, or None."""
    parts = [name, str(year), f"tw{quarter}", *[f for f in filters if f]]
    parts += [word for word in (approved_only, demo) if word]
    return "_".join(slug(p) for p in parts)


def context_line(context: list[tuple[str, str]]) -> str:
    """The context of a table as one line of text: `Label: value · Label: value`."""
    return " · ".join(f"{label}: {value}" for label, value in context)


# How a spreadsheet set to each language reads a CSV: Indonesian Excel and LibreOffice split
# on ";" and read "1,5" as a number; English ones split on "," and read "1.5".
CSV_STYLE = {"id": {"sep": ";", "decimal": ","}, "en": {"sep": ",", "decimal": "."}}


def to_csv(
    frame: pd.DataFrame, context: list[tuple[str, str]] | None = None, lang: str = "id"
) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Indonesian text correctly; separator and
    decimal mark as a spreadsheet in `lang` reads them (CSV_STYLE).

    With `context`, the first line is one cell that says what the table is (period,
    partners, approval mode, data date, demo label) and the table starts on the second line
    (`pd.read_csv(..., skiprows=1)`); a spreadsheet shows the line in cell A1.
    """
    style = CSV_STYLE.get(lang, CSV_STYLE["id"])
    table = neutralise(frame).to_csv(index=False, **style)
    if context:
        # The line also says how the file is written, for whoever opens it elsewhere.
        context = [*context, (t("export.csv_label", lang), t("export.csv_style", lang))]
        first = neutralise(pd.DataFrame({"c": [context_line(context)]})).to_csv(
            index=False, header=False, sep=style["sep"]
        )
        table = first + table
    return table.encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, context: list[tuple[str, str]]) -> bytes:
    """The table on sheet "Data" and its context (label, value: title, filters) on "Info"."""
    sheet = "Data"
    buffer = io.BytesIO()
    # Text stays text: no cell becomes a formula or a link, whatever it starts with.
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        neutralise(frame).to_excel(writer, sheet_name=sheet, index=False)
        info = pd.DataFrame(context, columns=["Keterangan", "Nilai"])
        neutralise(info).to_excel(writer, sheet_name="Info", index=False)
        for name, width in ((sheet, 18), ("Info", 40)):
            writer.sheets[name].set_column(0, max(len(frame.columns), 2), width)
    return buffer.getvalue()
