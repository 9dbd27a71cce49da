"""Table downloads: CSV and XLSX that are safe to open in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Indonesian text correctly."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, context: list[tuple[str, str]]) -> bytes:
    """The table on sheet "Data" and its context (label, value: title, filters) on "Info"."""
    sheet = "Data"
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        neutralise(frame).to_excel(writer, sheet_name=sheet, index=False)
        info = pd.DataFrame(context, columns=["Keterangan", "Nilai"])
        neutralise(info).to_excel(writer, sheet_name="Info", index=False)
        for name, width in ((sheet, 18), ("Info", 40)):
            writer.sheets[name].set_column(0, max(len(frame.columns), 2), width)
    return buffer.getvalue()
