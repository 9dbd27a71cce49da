"""Cached access to the read functions: one cache entry per function, database and arguments."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from data_access import (
    agreements,
    assessment,
    audit,
    budget,
    changes,
    comments,
    completeness,
    credentials,
    first_run,
    follow_through,
    home,
    mou,
    outcomes,
    partners,
    periods,
    reference_areas,
    registry,
    reminders,
    report_figures,
    report_reads,
    scorecard,
    sessions,
    socialization,
    sso,
    targets,
)
from data_access.access import Viewer
from data_access.db import database_url
from ui.state import verified_only
from ui.state import viewer as session_viewer

READS = {
    f.__name__: f
    for f in (
        partners.dataset_info,
        partners.filter_options,
        partners.list_partners,
        periods.reporting_by_quarter,
        budget.budget_by_partner,
        budget.budget_by_quarter,
        budget.budget_by_source,
        budget.training_by_partner,
        budget.cohorts_by_destination,
        socialization.coverage_by_partner,
        socialization.events_by_quarter,
        socialization.events_by_topic,
        socialization.villages_of_partner,
        socialization.village_codes,
        mou.mou_registry,
        mou.pks_list,
        mou.deliverables_matrix,
        mou.deliverables_of_partner,
        outcomes.outcomes_by_partner,
        outcomes.yearly_beside_quarterly,
        scorecard.scorecard_inputs,
        report_reads.unverified_reports,
        completeness.report_grid,
        completeness.figure_history,
    )
}
# Reads that can leave submitted (not yet approved) reports out, as the sidebar asks.
TAKES_VERIFIED = {
    name
    for name, f in READS.items()
    if "verified_only" in inspect.signature(f.__wrapped__).parameters
}


@st.cache_data(ttl=600, show_spinner=False, max_entries=2000)
def _answer(name: str, key: str, arguments: tuple) -> Any:
    # One entry per function and arguments for every viewer: the read's guard has admitted
    # the arguments for the viewer (a partner's own id put in) before this is asked, and
    # takes out what the viewer may not see (other partners' names) after it answered.
    return READS[name].__wrapped__(**dict(arguments))


# Never cached: the audit trail, and the assessments that people edit while others read them.
FRESH = {
    f.__name__: f
    for f in (
        audit.audit_entries,
        audit.audit_choices,
        assessment.assessment_detail,
        assessment.assessment_overview,
        assessment.assessment_levels,
        assessment.followup_plans,
        report_reads.submission_overview,
        report_reads.submission_history,
        report_figures.report_rows,
        report_figures.report_totals,
        completeness.figure_checks,
        credentials.partner_accounts,
        credentials.staff_accounts,
        first_run.setup_counts,
        reference_areas.area_summary,
        reference_areas.loaded_areas,
        reference_areas.municipalities,
        registry.registry_partners,
        agreements.agreements_of,
        agreements.pks_of,
        follow_through.follow_through_items,
        targets.registry_targets,
        sessions.live_sessions,
        sso.access_requests,
        home.partner_home,
        home.waiting_decisions,
        comments.comment_threads,
        reminders.mail_log,
        reminders.mail_counts,
    )
}


def read_fresh(name: str, **arguments) -> Any:
    """Call a read that must never be served from a cache, as the account signed in."""
    return FRESH[name](viewer=session_viewer(), **arguments)


def read(name: str, *, viewer: Viewer | None = None, **arguments) -> Any:
    """Call the read function `name` with keyword `arguments` through the cache, on behalf of
    `viewer` (by default the account signed in)."""
    who = viewer or session_viewer()
    if name in TAKES_VERIFIED:
        arguments.setdefault("verified_only", verified_only())
    key = data_key()
    return READS[name].through(
        lambda admitted: _answer(name, key, admitted), viewer=who, **arguments
    )


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
    the run started under (or the count a warm-up computes for, ui.warm). A read that began
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
