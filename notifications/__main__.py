"""`python -m notifications run [--dry-run] [--tanggal YYYY-MM-DD]`: record and send the
reminders due now. Meant for cron or a systemd timer (README, "Reminders by e-mail"); a
run repeated sends nothing twice. Exit codes: 0 done, 1 a mail failed (tried again by a
later run), 2 the settings or the reminders' file are wrong (nothing was done)."""

from __future__ import annotations

import argparse
import sys
import warnings
from datetime import date, datetime

from core.figures.periods import today
from core.mail.mail_settings import MailSettingsError
from core.mail.reminder_rules import ReminderRulesError
from notifications.runner import run


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"tanggal harus berbentuk TAHUN-BULAN-HARI, mis. 2026-10-01, tertulis {text!r}"
        ) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m notifications")
    commands = parser.add_subparsers(dest="command", required=True)
    go = commands.add_parser("run", help="catat dan kirim pengingat yang jatuh hari ini")
    go.add_argument(
        "--dry-run", action="store_true", help="hanya tampilkan apa yang akan dicatat dan dikirim"
    )
    go.add_argument(
        "--tanggal",
        type=_day,
        default=None,
        help="hitung untuk tanggal ini (YYYY-MM-DD) alih-alih hari ini",
    )
    args = parser.parse_args(argv)
    # SQLite cannot reflect the expression indexes; said at every run, it would fill cron's mail.
    warnings.filterwarnings("ignore", message="Skipped unsupported reflection")
    try:
        outcome = run(today=args.tanggal or today(), now=datetime.now(), dry_run=args.dry_run)
    except (MailSettingsError, ReminderRulesError) as exc:
        print(f"Pengingat tidak dijalankan: {exc}", file=sys.stderr)
        return 2
    return outcome.exit_code


if __name__ == "__main__":
    sys.exit(main())
