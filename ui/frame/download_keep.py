"""A file made on a download click stays fetchable for a while.

The tables' downloads are made only when someone clicks (st.download_button with a
function): the server builds the file and hands the browser an address under /media, which
the browser fetches next. Streamlit 1.67 keeps such a file referenced by no session: the
clean-up that ends every script run, of any session, marks it and the next one deletes it.
On a server where many people work at once two runs of other sessions often end between the
click and the fetch, and the download fails (HTTP 404; the load benchmark found it with three
sessions). Here every file made on a click is spared by that clean-up for KEEP_SECONDS after
it was made; the first clean-up after that removes it as before.

`install` changes Streamlit's media file manager for the whole process; app.py calls it once
at start (a page run never does). The version of Streamlit is pinned in requirements.txt and
tests/test_download_keep.py fails if the manager stops working the way this relies on."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import PurePosixPath

from streamlit.runtime.media_file_manager import MediaFileManager

# Long enough for a browser on a slow link and a loaded server; short enough that files
# made on clicks cannot pile up (a repeated click on the same table gives the same file).
KEEP_SECONDS = 300.0
_INSTALLED = threading.Lock()


def file_id(url: str) -> str:
    """The stored file's id in its address: /media/<id>.<extension>."""
    return PurePosixPath(url).stem


def install(clock: Callable[[], float] = time.monotonic, keep: float = KEEP_SECONDS) -> None:
    """Spare files made on a click from the clean-up for `keep` seconds (idempotent)."""
    with _INSTALLED:
        if getattr(MediaFileManager, "_made_on_click", None) is not None:
            return
        execute = MediaFileManager.execute_deferred
        inactive = MediaFileManager._get_inactive_file_ids

        def execute_deferred(self: MediaFileManager, placeholder: str) -> str:
            url = execute(self, placeholder)
            with self._lock:
                _made(self)[file_id(url)] = clock()
            return url

        def get_inactive_file_ids(self: MediaFileManager) -> set[str]:
            # Called by the clean-up with the manager's lock held.
            made, now = _made(self), clock()
            for stored in [f for f, at in made.items() if now - at >= keep]:
                del made[stored]
            return inactive(self) - made.keys()

        MediaFileManager.execute_deferred = execute_deferred
        MediaFileManager._get_inactive_file_ids = get_inactive_file_ids
        MediaFileManager._made_on_click = (execute, inactive)


def uninstall() -> None:
    """Give the manager back its own clean-up (tests)."""
    with _INSTALLED:
        original = getattr(MediaFileManager, "_made_on_click", None)
        if original is None:
            return
        MediaFileManager.execute_deferred, MediaFileManager._get_inactive_file_ids = original
        MediaFileManager._made_on_click = None


def _made(manager: MediaFileManager) -> dict[str, float]:
    """When each file made on a click in this manager was made (its id → clock)."""
    made = manager.__dict__.get("_made_at")
    if made is None:
        made = manager.__dict__.setdefault("_made_at", {})
    return made
