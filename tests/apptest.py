"""Helpers to run the dashboard in Streamlit's AppTest."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.accounts.roles import ADMIN_ONLY, NOT_FOR_LEADERSHIP
from ui.accounts.auth import AUTH_KEY
from ui.frame.frame import PAGE_FILES
from ui.frame.state import KEYS

ENTRY = str(Path(__file__).resolve().parent.parent / "dashboard.py")
# The pages leadership sees (the admin pages and the quarterly reports are tested on their own).
PAGES = [p for p in PAGE_FILES if p not in ADMIN_ONLY and p not in NOT_FOR_LEADERSHIP]


ACCOUNTS = {
    "pimpinan": {
        "username": "pimpinan",
        "full_name": "Pimpinan",
        "role": "pimpinan",
        "partner_id": None,
    },
    "mitra": {"username": "mitra-3212", "full_name": "Operator", "role": "mitra", "partner_id": 1},
    "admin": {"username": "admin", "full_name": "Admin", "role": "admin", "partner_id": None},
    "verifikator": {
        "username": "verifikator",
        "full_name": "Verifikator",
        "role": "verifikator",
        "partner_id": None,
    },
}


def partner_account(username: str, partner_id: int) -> dict:
    """A `mitra` account of another partner (e.g. mitra-7104, partner 16)."""
    return {
        "username": username,
        "full_name": "Operator",
        "role": "mitra",
        "partner_id": partner_id,
    }


def start(role: str | None = "pimpinan", *, account: dict | None = None, **filters) -> AppTest:
    """Run the entry page with global filters (year, quarter, partner_type, province, lang)
    set where the sidebar keeps them.

    AppTest shows the sidebar of the entry file only on its first run (later runs render the
    chosen page alone), so filters go into session state before that run.
    """
    at = AppTest.from_file(ENTRY, default_timeout=60)
    if role or account:  # signed in (the login form itself is tested in test_login.py)
        who = account or ACCOUNTS[role]
        at.session_state[AUTH_KEY] = {**who, "last_seen": datetime.now()}
    for name, value in filters.items():
        at.session_state[KEYS[name]] = value
    at.run()
    return at


def open_page(at: AppTest, page: str, *, every_column: bool = False) -> AppTest:
    """Open a page; with `every_column`, each table shows its detail columns too."""
    at.switch_page(page)
    at.run()
    return show_every_column(at) if every_column else at


def show_every_column(at: AppTest) -> AppTest:
    """Switch on every table's "all columns" toggle and run the page again."""
    toggles = [w for w in at.toggle if str(w.key).endswith("_all_columns") and not w.value]
    for toggle in toggles:
        toggle.set_value(True)
    return at.run() if toggles else at


def texts(at: AppTest) -> str:
    """Every piece of visible text on the page, joined, to search for sentences."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "caption",
        "markdown",
        "info",
        "warning",
        "error",
        "success",
    ):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    return "\n".join(parts)


def metric(at: AppTest, label: str) -> str:
    for m in at.metric:
        if m.label == label or m.label.startswith(label):
            return m.value
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")
