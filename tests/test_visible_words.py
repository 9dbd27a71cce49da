"""Every word a user sees comes from the catalogue in the chosen language: a walk over every
page, for each role and in both languages, fails on a raw key, a code from the topic list,
"None", or an English widget text in the Indonesian interface."""

import re

import pandas as pd
import pytest

from core.text.i18n import catalog
from tests.apptest import PAGES, open_page, partner_account, start

STAFF_PAGES = [*PAGES, "pages/pelaporan.py", "pages/kelengkapan_data.py"]
ADMIN_PAGES = ["pages/impor_data.py", "pages/audit.py"]
TOPICS = [key.split(".", 1)[1] for key in catalog("id") if key.startswith("topic.")]
# Texts Streamlit writes itself unless a page says otherwise.
STREAMLIT_ENGLISH = ("Choose an option", "No options to select", "Browse files",
                     "Drag and drop", "per file", "View ", "Press Enter", "No results")  # fmt: skip
RAW = re.compile(r"\b(None|nan|NaN|NaT|kode_mitra|short_name|partner_id)\b|config/\w+\.toml")


def seen(at) -> list[str]:
    """Every text the page shows: elements, labels, options, metric values, table cells and
    column names."""
    out = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "text", "info",
                 "warning", "error", "success", "exception"):  # fmt: skip
        out += [str(e.value) for e in getattr(at, kind)]
    for m in at.metric:
        out += [m.label, str(m.value)]
    for kind in ("selectbox", "multiselect", "radio"):
        for w in getattr(at, kind):
            out.append(w.label)
            out += [str(o) for o in w.options]  # as the page formats them
            if getattr(w, "placeholder", None):
                out.append(w.placeholder)
    for kind in ("button", "toggle", "checkbox", "text_input", "text_area", "number_input"):
        for w in getattr(at, kind):
            out.append(str(w.label))
            if getattr(w, "placeholder", None):
                out.append(w.placeholder)
    for tab in at.tabs:
        out.append(tab.label)
    for table in at.dataframe:
        frame = table.value
        if not getattr(table, "key", None):  # an editor's headings are its column labels
            out += [str(c) for c in frame.columns]
        for column in frame.columns:
            out += [str(v) for v in frame[column].head(60)]
            # A number the grid would print as 1562 or 0.725: formatted text is expected.
            if pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(
                frame[column]
            ):
                big = frame[column].dropna().abs()
                if ((big >= 1000) | (big % 1 != 0)).any():
                    out.append(f"unformatted number in {column}")
    return out


def problems(texts: list[str], lang: str) -> list[str]:
    found = []
    keys = {k for k in catalog(lang)}
    for text in texts:
        if text.startswith("unformatted number"):
            found.append(text)
        elif RAW.search(text):
            found.append(f"raw value: {text[:120]!r}")
        if any(re.search(rf"\b{code}\b", text) for code in TOPICS):
            found.append(f"topic code: {text[:120]!r}")
        if text.strip() in keys:
            found.append(f"catalogue key: {text!r}")
        if lang == "id" and any(word in text for word in STREAMLIT_ENGLISH):
            found.append(f"English widget text: {text[:120]!r}")
    return found


def walk(begin, pages, lang) -> list[str]:
    found = []
    for page in pages:
        at = open_page(begin(), page, every_column=True)
        assert not at.exception, (page, [e.value for e in at.exception])
        found += [f"{page}: {p}" for p in problems(seen(at), lang)]
    return found


@pytest.mark.parametrize("lang", ["id", "en"])
def test_staff_pages_show_only_catalogue_words(database_url, lang):
    found = walk(lambda: start("admin", lang=lang), STAFF_PAGES + ADMIN_PAGES, lang)
    assert found == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_partner_pages_show_only_catalogue_words(database_url, lang):
    pages = ["pages/profil_mitra.py", "pages/penilaian_mandiri.py", "pages/hasil_penilaian.py",
             "pages/pelaporan.py"]  # fmt: skip
    account = partner_account("mitra-7104", 16)
    found = walk(lambda: start(None, account=account, lang=lang), pages, lang)
    assert found == []
