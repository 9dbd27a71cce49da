"""Cached access to the read functions: one cache entry per function, database and arguments."""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from data_access.store import changes
from data_access.store.access import REGISTERED, Viewer
from data_access.store.db import database_url
from ui.frame import reads as _reads  # noqa: F401 - registers every read
from ui.frame.state import verified_only
from ui.frame.state import viewer as session_viewer

# Every read by name, as its definition declares it (data_access.store.access.guarded): cached
# (an answer shared by every viewer, dropped when the data changes) or read afresh.
READS = {name: f for name, f in REGISTERED.items() if f.cached}
FRESH = {name: f for name, f in REGISTERED.items() if not f.cached}


@st.cache_data(ttl=600, show_spinner=False, max_entries=2000)
def _answer(name: str, key: str, arguments: tuple) -> Any:
    # One entry per function and arguments for every viewer: the read's guard has admitted
    # the arguments for the viewer (a partner's own id put in) before this is asked, and
    # takes out what the viewer may not see (other partners' names) after it answered.
    return READS[name].__wrapped__(**dict(arguments))


def read(function: Callable, *, viewer: Viewer | None = None, **arguments) -> Any:
    """Call the read `function` (a guarded read of data_access, named by reference) with
    keyword `arguments` on behalf of `viewer` (by default the account signed in): through
    the shared cache if its definition says `cached`, else afresh. A read that can leave
    submitted (not yet approved) reports out does so as the sidebar asks, unless told."""
    name = getattr(function, "__name__", None)
    if REGISTERED.get(name) is not function:
        raise TypeError(f"read() takes a guarded read of data_access, not {function!r}")
    who = viewer or session_viewer()
    if function.cached and "verified_only" in _parameters(function):
        arguments.setdefault("verified_only", verified_only())
    if not function.cached:
        return function(viewer=who, **arguments)
    key = data_key()
    return function.through(lambda admitted: _answer(name, key, admitted), viewer=who, **arguments)


@functools.cache
def _parameters(function: Callable) -> frozenset[str]:
    return frozenset(inspect.signature(function.__wrapped__).parameters)


# The data change count each database's caches in this process were filled under.
_SEEN: dict[str, int] = {}
COUNT_KEY = "g_change_count"  # in the session: the count this run started under


def follow_changes() -> None:
    """Drop this process's cached reads when the data changed elsewhere since the last run
    (another app process, a command): called once at the start of every run."""
    url, now = database_url(), changes.version()
    if _SEEN.get(url, now) != now:
        st.cache_data.clear()
    _SEEN[url] = now
    st.session_state[COUNT_KEY] = now


def data_key() -> str:
    """What every cached read and computation is keyed by: the database and the change count
    the run started under (or the count a warm-up computes for, ui.frame.warm). A read that began
    before a change and ends after the caches were dropped is stored under the old count,
    where no later run looks."""
    count = getattr(_WARMING, "count", None)
    if count is None:
        count = st.session_state.get(COUNT_KEY, 0)
    return f"{database_url()}#{count}"


_WARMING = threading.local()


@contextmanager
def keyed(count: int) -> Iterator[None]:
    """Within it, this thread's cached reads are keyed by `count` (no page run to ask)."""
    _WARMING.count = count
    try:
        yield
    finally:
        _WARMING.count = None


def adopt(count: int) -> None:
    """What follow_changes does at the start of a run, for a warm-up: drop this process's
    caches if they were filled under another count, and take `count` as theirs."""
    url = database_url()
    if _SEEN.get(url, count) != count:
        st.cache_data.clear()
    _SEEN[url] = count


def changed() -> None:
    """After a write: count the change for every process and drop this process's caches."""
    changes.bump()
    st.cache_data.clear()
    _SEEN.pop(database_url(), None)
