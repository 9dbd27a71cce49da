"""Backups round-trip: every table of the database is equal after a restore, on SQLite and
on PostgreSQL (CI runs this module on both)."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_access.store import backup
from data_access.store.db import dispose_engines, get_engine

ROOT = Path(__file__).resolve().parent.parent


def snapshot() -> dict[str, list]:
    """Every table's rows, sorted, read fresh."""
    dispose_engines()
    engine = get_engine()
    tables = sa.inspect(engine).get_table_names()
    meta = sa.MetaData()
    with engine.connect() as conn:
        return {
            name: sorted(
                tuple(map(repr, row))
                for row in conn.execute(sa.select(sa.Table(name, meta, autoload_with=conn)))
            )
            for name in tables
        }


def test_a_backup_restores_every_table_as_it_was(database_url, tmp_path):
    before = snapshot()
    assert before["partner"] and before["audit_log"]
    written = backup.backup(tmp_path / "cadangan")
    with get_engine().begin() as conn:  # what happens after the backup is lost by a restore
        conn.execute(sa.text("DELETE FROM import_row"))
        conn.execute(sa.text("DELETE FROM audit_log"))
        conn.execute(sa.text("UPDATE partner SET short_name = 'diubah'"))
    assert snapshot() != before
    backup.restore(written)
    after = snapshot()
    # The restore counts as a change (running app processes drop their cached figures).
    assert after.pop("data_change") == [("1", str(int(before.pop("data_change")[0][1]) + 1))]
    assert after == before


def test_the_command_asks_for_confirmation_and_says_what_it_did(database_url, tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "data_access.store.backup", *args],
                              capture_output=True, text=True, cwd=ROOT)  # fmt: skip

    made = run(str(tmp_path / "b.bak"))
    assert made.returncode == 0 and "Cadangan tertulis" in made.stdout, made.stderr
    refused = run("restore", str(tmp_path / "b.bak"))
    assert refused.returncode == 2 and "--yes" in refused.stderr
    if database_url.startswith("sqlite"):
        (tmp_path / "rusak.bak").write_text("bukan cadangan")
        wrong = run("restore", str(tmp_path / "rusak.bak"), "--yes")
        assert wrong.returncode == 2 and "bukan berkas cadangan" in wrong.stderr
    missing = run("restore", str(tmp_path / "tidak-ada.bak"), "--yes")
    assert missing.returncode == 2 and "tidak ada" in missing.stderr
    done = run("restore", str(tmp_path / "b.bak"), "--yes")
    assert done.returncode == 0, done.stderr


def test_without_the_postgresql_client_the_backup_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(backup.BackupError, match="postgresql-client"):
        backup.backup(Path("x.dump"), "postgresql+psycopg://u@h/db")


def test_a_backup_is_readable_by_the_apps_user_alone(database_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default folder, made here
    written = backup.backup(backup.default_file(database_url))
    assert written.parent.resolve() == (tmp_path / "backups").resolve()
    assert written.stat().st_mode & 0o777 == 0o600
    assert written.parent.stat().st_mode & 0o777 == 0o700
    again = tmp_path / "lama.bak"  # a file already there, readable by all, is made private
    again.write_text("lama")
    again.chmod(0o644)
    assert backup.backup(again).stat().st_mode & 0o777 == 0o600


def _version(value: str) -> None:
    with get_engine().begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": value})


def test_a_restore_refuses_a_file_of_another_schema_or_an_unknown_revision(database_url, tmp_path):
    before = snapshot()
    _version("9999")  # a backup written by a version of the app this one does not know
    unknown = backup.backup(tmp_path / "masa_depan.bak")
    _version(max(backup.known_revisions()))
    with pytest.raises(backup.BackupError, match="revisi skema '9999' tidak dikenal"):
        backup.restore(unknown)
    if database_url.startswith("sqlite"):
        other = tmp_path / "lain.sqlite3"  # an SQLite file of some other program
        with sqlite3.connect(other) as conn:
            conn.execute("CREATE TABLE catatan (isi TEXT)")
        with pytest.raises(backup.BackupError, match="bukan berkas cadangan dasbor ini"):
            backup.restore(other)
    assert snapshot() == before  # nothing was replaced
