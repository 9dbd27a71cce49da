"""A file made on a download click survives other sessions' clean-ups until it is fetched
(ui.frame.download_keep), on Streamlit's own media file manager and storage."""

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from ui.frame import download_keep


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    clock = Clock()
    download_keep.install(clock=clock, keep=300)
    yield clock
    download_keep.uninstall()


def made_on_click(manager: MediaFileManager, text: str = "Mitra;Nilai\nA;1\n") -> str:
    placeholder = manager.add_deferred(lambda: text.encode(), "text/csv", "1.2.3", "tabel.csv")
    return download_keep.file_id(manager.execute_deferred(placeholder))


def runs_end(manager: MediaFileManager, times: int) -> None:
    """The clean-up that ends each script run, of any session."""
    for _ in range(times):
        manager.remove_orphaned_files()


def test_without_it_two_runs_of_other_sessions_remove_the_file_before_it_is_fetched():
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    stored = made_on_click(manager)
    runs_end(manager, 2)
    # If this fails, Streamlit keeps such files on its own now and download_keep can go.
    assert manager.read_file(stored) is None


def test_a_file_made_on_a_click_stays_for_the_keep_time_then_goes(clock):
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    stored = made_on_click(manager)
    for step in range(10):
        clock.now += 29
        runs_end(manager, 5)
        assert manager.read_file(stored).content == b"Mitra;Nilai\nA;1\n", step
    clock.now += 11  # 301 s after it was made
    runs_end(manager, 2)
    assert manager.read_file(stored) is None
    assert manager._made_at == {}


def test_a_second_click_on_the_same_table_starts_the_time_again(clock):
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    stored = made_on_click(manager)
    clock.now += 200
    assert made_on_click(manager) == stored  # the same content is the same file
    clock.now += 200
    runs_end(manager, 2)
    assert manager.read_file(stored) is not None
    clock.now += 101
    runs_end(manager, 2)
    assert manager.read_file(stored) is None


def test_files_shown_on_a_page_are_cleaned_up_as_before(clock):
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    url = manager.add(b"\x89PNG gambar", "image/png", "2.3.4")
    shown = download_keep.file_id(url)
    manager.clear_session_refs("dontcare")  # the session's next run no longer shows it
    runs_end(manager, 1)
    assert manager.read_file(shown) is None


def test_installing_twice_changes_nothing(clock):
    patched = MediaFileManager.execute_deferred
    download_keep.install()
    assert MediaFileManager.execute_deferred is patched
    download_keep.uninstall()
    assert MediaFileManager.execute_deferred is not patched
    download_keep.install(clock=clock, keep=300)  # the fixture uninstalls


def test_every_download_button_leaves_the_page_as_it_is():
    """A download click starts no rerun: a rerun gives each button a new file id and drops
    the old one, so a second click made before the page redrew asked for a file that was no
    longer there ("Deferred file … not found")."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    calls = []
    for path in [*root.glob("ui/**/*.py"), *root.glob("pages/*.py"), root / "dashboard.py"]:
        text = path.read_text(encoding="utf-8")
        for found in re.finditer(r"st\.download_button\(", text):
            depth, end = 0, found.end() - 1
            for end in range(found.end() - 1, len(text)):
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                if depth == 0:
                    break
            calls.append((path.name, text[found.start() : end + 1]))
    assert len(calls) >= 6
    assert [name for name, call in calls if 'on_click="ignore"' not in call] == []


def test_a_tables_download_buttons_start_no_rerun(database_url):
    from tests.apptest import open_page, start

    at = open_page(start(), "pages/anggaran_pelatihan.py")
    buttons = at.get("download_button")
    assert buttons and all(b.proto.ignore_rerun for b in buttons)
