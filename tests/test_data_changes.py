"""A change made in one app process reaches the cached reads of every other process at its
next run (data_access.store.changes, ui.frame.data.follow_changes)."""

import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from data_access import models as m
from data_access.figures import partners
from data_access.store import changes
from data_access.store.db import get_engine
from tests.test_concurrency import race
from tests.viewers import STAFF
from ui.frame import data

ROOT = Path(__file__).resolve().parent.parent
# Another app process renames a partner through the registry's own write and counts the
# change as the app does after every write (ui.frame.data.changed).
OTHER_PROCESS = """
import sqlalchemy as sa
from data_access import models as m
from data_access.store.db import get_engine
from ui.frame.data import changed
with get_engine().begin() as conn:
    conn.execute(sa.update(m.Partner).where(m.Partner.id == 1).values(short_name="Kab. Baru"))
changed()
"""


def names() -> set[str]:
    return set(data.read(partners.list_partners, viewer=STAFF)["short_name"])


def test_a_change_in_another_process_reaches_this_process_at_its_next_run(database_url):
    data.follow_changes()  # a run starts: the count is taken
    before = changes.version()
    assert "Kab. Indramayu" in names()
    subprocess.run([sys.executable, "-c", OTHER_PROCESS], cwd=ROOT, check=True)
    assert changes.version() == before + 1
    # Within a run the cached answer stands (this process has not looked yet)...
    assert "Kab. Baru" not in names()
    data.follow_changes()  # ...the next run sees the count moved and drops the cache
    assert "Kab. Baru" in names() and "Kab. Indramayu" not in names()
    data.follow_changes()  # nothing changed since: the cache stays
    with get_engine().begin() as conn:  # a write nobody counted is not seen
        conn.execute(sa.update(m.Partner).where(m.Partner.id == 1).values(short_name="X"))
    assert "X" not in names()


def test_changes_counted_at_the_same_moment_are_all_counted(database_url):
    before = changes.version()
    results = race(*[changes.bump for _ in range(12)])
    assert [r for r in results if r is not None] == []
    assert changes.version() == before + 12


def test_an_answer_stored_under_the_old_count_is_never_served(database_url, monkeypatch):
    """A read that began before another process's change and is stored after this process
    dropped its caches: the runs after the change look under the new count."""
    data.follow_changes()
    assert "Kab. Indramayu" in names()  # stored under the count the run started under
    monkeypatch.setattr(data.st.cache_data, "clear", lambda: None)  # as if stored after it
    subprocess.run([sys.executable, "-c", OTHER_PROCESS], cwd=ROOT, check=True)
    data.follow_changes()
    assert "Kab. Baru" in names()
