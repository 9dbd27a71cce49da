"""What every viewer shares is computed before anyone asks for it: at start, and again
whenever the data changed (the change count moved).

The first visitors after a deploy used to wait for the period's scorecard of every partner:
each process computed it on first use, once per waiting visitor at that (a cache does not
hold back a second miss while the first computes), so fifty people signing in at eight
o'clock each waited several seconds. A thread of each app process now computes, for the
period pages open on and in both modes, the staff's scorecard of this year and last year
(which every partner's own view is derived from) and the reads every page opens with. It
never holds up a visitor: a page that asks first simply computes as before.

`install` starts the thread once per process (app.py); `warm_once` does one round (tests)."""

from __future__ import annotations

import logging
import threading
import time

from streamlit.runtime import Runtime

from core.accounts.roles import Role
from data_access.figures import budget, partners, periods
from data_access.reporting import report_reads
from data_access.store import changes
from data_access.store.access import Viewer

LOG = logging.getLogger("pantau_mou")
LOOK_SECONDS = 10.0  # how often the thread looks whether the data changed
STAFF = Viewer(Role.PIMPINAN, None, "pemanasan")
_INSTALLED = threading.Lock()
_started: list[threading.Thread] = []


class _Quiet(logging.Filter):
    """The framework warns of a missing page run whenever a cache is used outside one: this
    thread does so on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return threading.current_thread().name != "warm-up"


def warm_once() -> tuple[int, int, int]:
    """Compute what the opening period's pages share, under the current change count;
    returns (change count, year, quarter) warmed."""
    # Imported here: the cached functions are made once the server runs (app.py imports
    # this module before it starts), so they use its caches.
    from core.figures.completeness import load_rules
    from core.figures.periods import default_period, today
    from ui.figures import compute
    from ui.frame import data

    count = changes.version()
    data.adopt(count)  # the caches now stand for this count: no run drops what is made here
    with data.keyed(count):
        reporting = data.read(periods.reporting_by_quarter, viewer=STAFF, verified_only=False)
        period = default_period(reporting, today(), load_rules().default_min_share).period
        year, quarter = period.year, period.quarter
        key = data.data_key()
        data.read(partners.dataset_info, viewer=STAFF)
        data.read(partners.filter_options, viewer=STAFF)
        data.read(partners.list_partners, viewer=STAFF)
        for verified in (False, True):
            data.read(periods.reporting_by_quarter, viewer=STAFF, verified_only=verified)
            compute._scored(key, Role.PIMPINAN, None, verified, year, quarter, None, None)
            data.read(report_reads.unverified_reports, viewer=STAFF, year=year, quarter=quarter)
            data.read(
                budget.budget_by_partner,
                viewer=STAFF,
                verified_only=verified,
                year=year,
                quarter=quarter,
            )
    return count, year, quarter


def _serving() -> bool:
    """Whether the server has started (and is not stopping)."""
    serving = ("NO_SESSIONS_CONNECTED", "ONE_OR_MORE_SESSIONS_CONNECTED")
    return Runtime.exists() and Runtime.instance().state.name in serving


def _watch() -> None:
    warmed = None
    while not _serving():  # until the server has started
        time.sleep(0.5)
    failing = False
    while True:
        try:
            if _serving() and changes.version() != warmed:
                started = time.perf_counter()
                warmed, year, quarter = warm_once()
                LOG.info(
                    "warmed TW %s %s for change %s in %.1f s",
                    quarter,
                    year,
                    warmed,
                    time.perf_counter() - started,
                )
            failing = False
        except Exception:  # noqa: BLE001 - tried again at the next look
            # Before its first run a new database has no tables yet (the first page run
            # makes them): nothing to say. Later, a failure is told once until it passes.
            if warmed is not None and not failing:
                LOG.exception("warming the shared figures failed")
            failing = True
        time.sleep(LOOK_SECONDS)


def install() -> None:
    """Start the warming thread of this process (idempotent)."""
    with _INSTALLED:
        if _started:
            return
        quiet = _Quiet()
        for name in (
            "streamlit.runtime.scriptrunner_utils.script_run_context",
            "streamlit.runtime.caching.cache_data_api",
        ):
            logging.getLogger(name).addFilter(quiet)
        thread = threading.Thread(target=_watch, name="warm-up", daemon=True)
        thread.start()
        _started.append(thread)
