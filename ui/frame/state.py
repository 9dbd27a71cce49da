"""Global filters and language kept in session state, so they survive page switches."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from core.figures.periods import Period
from core.text import i18n
from data_access.store.access import Viewer

KEYS = {
    "lang": "g_lang",
    "year": "g_year",
    "quarter": "g_quarter",
    "partner_type": "g_partner_type",
    "province": "g_province",
    "verified": "g_verified_only",
}
AUTH_KEY = "g_auth"
PROFILE_KEY = "g_profile_partner"
REQUESTED_PAGE_KEY = "g_requested_page"
ENTRY_FILE = "dashboard.py"
ALL = "__all__"


@dataclass(frozen=True)
class Filters:
    year: int
    quarter: int
    partner_type: str | None
    province: str | None
    lang: str

    @property
    def period(self) -> Period:
        return Period(self.year, self.quarter)

    @property
    def scope(self) -> dict:
        """Keyword arguments for the read functions that take a period and partner filters."""
        return {
            "year": self.year,
            "quarter": self.quarter,
            "partner_type": self.partner_type,
            "province": self.province,
        }

    @property
    def partners(self) -> dict:
        """Keyword arguments for the read functions that take partner filters only."""
        return {"partner_type": self.partner_type, "province": self.province}


def viewer() -> Viewer:
    """The signed-in account as data_access checks it (anonymous before sign-in)."""
    auth = st.session_state.get(AUTH_KEY)
    if not auth:
        return Viewer.anonymous()
    return Viewer(auth["role"], auth["partner_id"], auth["username"])


def verified_only() -> bool:
    """Whether the sidebar asks for approved figures only (else approved and submitted)."""
    return bool(st.session_state.get(KEYS["verified"], False))


def lang() -> str:
    return st.session_state.get(KEYS["lang"], i18n.DEFAULT_LANGUAGE)


def t(key: str, **values) -> str:
    """Catalog text in the language chosen in the sidebar."""
    return i18n.t(key, lang(), **values)


def current(page_file: str) -> Filters:
    """The filters as set in the sidebar by the frame, for the page in `page_file`.

    On the very first request of a server process Streamlit may run a file of `pages/`
    directly, without the frame (it has not yet seen `st.navigation`). Then the page is
    remembered and the run starts again from the frame, which opens it.
    """
    s = st.session_state
    if KEYS["year"] not in s:
        # The address's query too (a partner's profile, ?mitra=32.12): a link keeps it.
        s[REQUESTED_PAGE_KEY] = (f"pages/{Path(page_file).name}", st.query_params.to_dict())
        st.switch_page(ENTRY_FILE)

    def chosen(name):
        value = s.get(KEYS[name], ALL)
        return None if value == ALL else value

    return Filters(
        year=int(s[KEYS["year"]]),
        quarter=int(s[KEYS["quarter"]]),
        partner_type=chosen("partner_type"),
        province=chosen("province"),
        lang=lang(),
    )
