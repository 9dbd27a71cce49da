"""Backups of the configured database, and restoring one.

    python -m data_access.store.backup [FILE]            write a backup (default: backups/<time>)
    python -m data_access.store.backup restore FILE --yes   replace the database with FILE

SQLite: the online backup API (consistent while the app runs). PostgreSQL: `pg_dump` in its
custom format and `pg_restore --clean` (Debian package postgresql-client); the password goes
to them through the environment, never the command line. Exit codes: 0 done, 2 refused (the
message says why)."""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, make_url
from sqlalchemy.exc import DBAPIError

from data_access.store import changes
from data_access.store.db import database_url, dispose_engines

FOLDER = Path("backups")
CLIENT = "apt-get install --no-install-recommends postgresql-client"


class BackupError(RuntimeError):
    """A backup or restore that cannot be made; the message says why and what to do."""


def _sqlite_path(url: str) -> Path:
    path = make_url(url).database
    if not path or path == ":memory:":
        raise BackupError("Basis data SQLite di memori tidak dapat dicadangkan.")
    return Path(path)


def _pg(url: str, program: str, *arguments: str) -> None:
    """Run a PostgreSQL client program against `url`; the password goes by environment."""
    found = shutil.which(program)
    if found is None:
        raise BackupError(f"{program} belum terpasang di server ini ({CLIENT}).")
    parts = make_url(url)
    env = {**os.environ, "PGHOST": parts.host or "localhost", "PGPORT": str(parts.port or 5432),
           "PGUSER": parts.username or "", "PGDATABASE": parts.database or ""}  # fmt: skip
    if parts.password:
        env["PGPASSWORD"] = parts.password
    done = subprocess.run([found, *arguments], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{program} gagal (kode {done.returncode}): {done.stderr.strip()[:300]}")


def default_file(url: str, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d_%H%M%S")
    suffix = "sqlite3" if url.startswith("sqlite") else "dump"
    return FOLDER / f"pantau_mou_{stamp}.{suffix}"


def _private(target: Path) -> None:
    """The backup's folder (when made here, or the default one) readable by the app's user
    alone, and the file itself created so before anything is written to it: a backup holds
    password hashes and e-mail addresses."""
    folder = target.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True)
    if folder.resolve() == FOLDER.resolve():
        folder.chmod(0o700)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    target.chmod(0o600)  # an existing file keeps its mode through O_CREAT


def backup(target: Path, url: str | None = None) -> Path:
    """Write a consistent copy of the database at `url` (default: the configured one),
    readable by the app's user alone."""
    url = url or database_url()
    if url.startswith("sqlite"):
        path = _sqlite_path(url)
    elif shutil.which("pg_dump") is None:  # said before any file is made
        raise BackupError(f"pg_dump belum terpasang di server ini ({CLIENT}).")
    _private(target)
    if url.startswith("sqlite"):
        source = sqlite3.connect(path)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        _pg(url, "pg_dump", "--format=custom", "--no-owner", f"--file={target}")
    target.chmod(0o600)
    return target


def restore(source: Path, url: str | None = None) -> None:
    """Replace the database at `url` (default: the configured one) with the backup `source`."""
    url = url or database_url()
    if not source.is_file():
        raise BackupError(f"Berkas cadangan {source} tidak ada.")
    revision = _revision_of(source, url)
    if revision not in known_revisions():
        raise BackupError(
            f"{source} bukan berkas cadangan dasbor ini (revisi skema "
            f"{(revision or 'tidak ada')[:40]!r} tidak dikenal); basis data tidak diubah."
        )
    dispose_engines()  # no pooled connection may hold the old database open
    if url.startswith("sqlite"):
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        target = sqlite3.connect(_sqlite_path(url))
        try:
            backup_db.backup(target)
        except sqlite3.DatabaseError as exc:
            raise BackupError(
                f"{source} bukan berkas cadangan SQLite ({exc}); basis data tidak diubah."
            ) from exc
        finally:
            target.close()
            backup_db.close()
    else:
        _pg(
            url,
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={make_url(url).database}",
            str(source),
        )
    _count_change(url)


def known_revisions() -> set[str]:
    """Every schema revision of this application (data_access/migrations)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from data_access.store.setup import PROJECT_ROOT

    scripts = ScriptDirectory.from_config(Config(str(PROJECT_ROOT / "alembic.ini")))
    return {script.revision for script in scripts.walk_revisions()}


def _revision_of(source: Path, url: str) -> str | None:
    """The schema revision a backup was written at (its alembic_version row), None for a
    file that is not a backup of this application's kind for this database."""
    if url.startswith("sqlite"):
        try:
            backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            try:
                row = backup_db.execute("SELECT version_num FROM alembic_version").fetchone()
            finally:
                backup_db.close()
        except sqlite3.DatabaseError:  # not an SQLite file, or no such table
            return None
        return str(row[0]) if row else None
    found = shutil.which("pg_restore")
    if found is None:
        raise BackupError(f"pg_restore belum terpasang di server ini ({CLIENT}).")
    done = subprocess.run(
        [found, "--data-only", "--table=alembic_version", "--file=-", str(source)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return None
    lines = done.stdout.split("COPY public.alembic_version (version_num) FROM stdin;\n", 1)
    return lines[1].split("\n", 1)[0].strip() or None if len(lines) == 2 else None


def _count_change(url: str) -> None:
    """Count the restore as a change: an app process still running (the README says to stop
    them first) drops its cached figures at its next click. A backup made before the counter
    existed has none; the app's migration adds it when the app starts again."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(changes.counted())
    except DBAPIError:
        pass
    finally:
        engine.dispose()


def _arguments(argv: list[str]) -> argparse.Namespace:
    if argv[:1] == ["restore"]:
        parser = argparse.ArgumentParser(prog="python -m data_access.store.backup restore")
        parser.add_argument("source", help="the backup file")
        parser.add_argument("--yes", action="store_true", help="confirm: the database is replaced")
        return argparse.Namespace(command="restore", **vars(parser.parse_args(argv[1:])))
    parser = argparse.ArgumentParser(prog="python -m data_access.store.backup")
    parser.add_argument("file", nargs="?", help="backup file to write (default: backups/…)")
    return argparse.Namespace(command="backup", **vars(parser.parse_args(argv)))


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    try:
        if args.command == "restore":
            if not args.yes:
                raise BackupError(
                    "Pemulihan mengganti seluruh isi basis data; ulangi dengan --yes."
                )
            restore(Path(args.source))
            print(f"Basis data dipulihkan dari {args.source}.")
        else:
            url = database_url()
            written = backup(Path(args.file) if args.file else default_file(url), url)
            print(f"Cadangan tertulis: {written}")
    except BackupError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
