"""Manage accounts from the command line: `python -m data_access.accounts.users COMMAND`.

Commands: create, disable, reset-password, unlock, list.
Passwords are asked for twice at the prompt, or read from standard input with
--password-stdin (for scripts). Every change is written to the audit log.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from core.accounts.roles import Role
from data_access.accounts import accounts
from data_access.store.setup import migrate


def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Kata sandi baru: ")
    if first != getpass.getpass("Ulangi kata sandi: "):
        raise accounts.AccountError("Kedua kata sandi tidak sama.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actor", default=getpass.getuser(), help="who makes the change (audit)")
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="create an account")
    create.add_argument("username")
    create.add_argument("--full-name", required=True)
    create.add_argument("--role", required=True, choices=[role.value for role in Role])
    create.add_argument("--partner", help="partner code, for a mitra account (e.g. 32.12)")
    create.add_argument("--password-stdin", action="store_true")
    disable = sub.add_parser("disable", help="disable an account")
    disable.add_argument("username")
    reset = sub.add_parser("reset-password", help="set a new password and lift a lockout")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    unlock = sub.add_parser("unlock", help="lift a lockout after failed sign-ins")
    unlock.add_argument("username")
    sub.add_parser("list", help="list accounts")
    args = parser.parse_args(argv)
    migrate()
    try:
        if args.command == "create":
            accounts.create_user(
                actor=args.actor,
                username=args.username,
                full_name=args.full_name,
                role=args.role,
                password=_password(args),
                partner_code=args.partner,
            )
            print(f"Akun {args.username} dibuat.")
        elif args.command == "disable":
            accounts.disable_user(actor=args.actor, username=args.username)
            print(f"Akun {args.username} dinonaktifkan.")
        elif args.command == "reset-password":
            accounts.reset_password(
                actor=args.actor, username=args.username, password=_password(args)
            )
            print(f"Kata sandi {args.username} diganti.")
        elif args.command == "unlock":
            accounts.unlock_user(actor=args.actor, username=args.username)
            print(f"Kunci akun {args.username} dibuka.")
        else:
            for user in accounts.list_users():
                state = "nonaktif" if user["disabled"] else "aktif"
                demo = " (contoh)" if user["is_demo"] else ""
                print(f"{user['username']:24} {user['role']:12} {state}{demo}  {user['full_name']}")
    except accounts.AccountError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
