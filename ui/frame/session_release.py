"""What a closed session held goes back to the system.

When a browser goes away Streamlit keeps its session for server.disconnectedSessionTTL
seconds (120 by default) in case the browser comes back. Streamlit 1.67 then forgets such a
session only when another session disconnects, and never shuts it down: its state, its run
thread's loop and its files stay in memory; after the last person of the day leaves, nothing
disconnects any more. Python's allocator keeps what was freed, too, for the process to use
again, so the memory a busy hour took is not given back.

Here, one thread per process, every few seconds (a quarter of the time a session is kept, at
most SWEEP_SECONDS):
- shuts down the kept sessions whose time is up, as Streamlit does with a session closed at
  once (sign-out);
- when it shut any down: collects the garbage they leave in cycles and hands the freed
  memory back to the system (glibc's malloc_trim). Not on every disconnect: a sign-in
  disconnects a session too, and a full collection holds up every session of the process.
At start, blocks of LARGE_BLOCK bytes and more (a data frame's columns) are mapped from the
system one by one, so that freeing them returns them at once instead of leaving holes in the
heap that the next busy minute cannot always fill.

The figures are in Streamlit's metrics (/_stcore/metrics): sessions released, memory given
back, sessions kept for a browser that may come back. `install` is called once by app.py;
the version of Streamlit is pinned in requirements.txt and
tests/browser/test_session_release.py fails if the session manager stops working the way
this relies on."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import logging
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future

from streamlit import config
from streamlit.runtime import Runtime
from streamlit.runtime.stats import CounterStat, GaugeStat

LOG = logging.getLogger("pantau_mou")
SWEEP_SECONDS = 5.0
LARGE_BLOCK = 256 * 1024
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
RELEASED = "pantau_sessions_released"
RETURNED = "pantau_memory_returned_bytes"
KEPT = "pantau_sessions_kept_for_reconnect"
_INSTALLED = threading.Lock()
_started: list[threading.Thread] = []


class Counts:
    """What the sweeps did in this process, shown in Streamlit's metrics."""

    stats_families: Sequence[str] = (RELEASED, RETURNED, KEPT)

    def __init__(self) -> None:
        self.released = 0
        self.returned = 0
        self.kept = 0

    def get_stats(self, family_names: Sequence[str] | None = None) -> dict:
        every = {
            RELEASED: [CounterStat(RELEASED, self.released,
                                   help="Sessions shut down after their browser left.")],
            RETURNED: [CounterStat(RETURNED, self.returned, unit="bytes",
                                   help="Memory given back to the system after sessions ended.")],
            KEPT: [GaugeStat(KEPT, self.kept,
                             help="Sessions kept in case their browser comes back.")],
        }  # fmt: skip
        return {f: s for f, s in every.items() if family_names is None or f in family_names}


COUNTS = Counts()


@functools.cache
def _libc() -> ctypes.CDLL | None:
    """glibc, when the process runs on it (malloc_trim and mallopt are its own)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def resident_bytes() -> int:
    """This process's resident memory (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def give_back() -> int:
    """Collect the garbage and hand the allocator's free memory to the system; the bytes
    of resident memory that went."""
    before = resident_bytes()
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
    return max(0, before - resident_bytes())


def sweep_seconds(kept_for: float) -> float:
    return max(0.25, min(SWEEP_SECONDS, kept_for / 4))


def reap(runtime: Runtime) -> int:
    """Shut down the kept sessions whose time is up; how many. On the event loop only (the
    session manager is not thread-safe)."""
    manager = runtime._session_mgr
    storage = manager._session_storage
    with manager._storage_lock:
        expired = storage._cache.expire()
        COUNTS.kept = len(storage._cache)
    for _, info in expired:
        info.session.shutdown()
    return len(expired)


def _on_loop(runtime: Runtime, work) -> object:
    """`work(runtime)` run on the runtime's event loop; its answer (waits at most 30 s)."""
    done: Future = Future()

    def call() -> None:
        try:
            done.set_result(work(runtime))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            done.set_exception(exc)

    runtime._get_async_objs().eventloop.call_soon_threadsafe(call)
    return done.result(timeout=30)


def _watch() -> None:
    kept_for = float(config.get_option("server.disconnectedSessionTTL"))
    registered = False
    while True:
        time.sleep(sweep_seconds(kept_for))
        if not Runtime.exists():
            continue
        runtime = Runtime.instance()
        try:
            if not registered:
                _on_loop(runtime, lambda rt: rt.stats_mgr.register_provider(COUNTS))
                registered = True
            ended = _on_loop(runtime, reap)
        except RuntimeError:  # the runtime has not started yet, or has stopped
            continue
        except Exception:  # noqa: BLE001 - a failed sweep must not end the thread
            LOG.exception("releasing ended sessions failed")
            continue
        if ended:
            COUNTS.released += ended
            COUNTS.returned += give_back()


def install() -> None:
    """Large blocks mapped one by one and the watching thread started (idempotent)."""
    with _INSTALLED:
        if _started:
            return
        libc = _libc()
        if libc is not None:
            libc.mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)
        watcher = threading.Thread(target=_watch, name="session-release", daemon=True)
        watcher.start()
        _started.append(watcher)
