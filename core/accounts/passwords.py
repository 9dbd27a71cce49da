"""The password policy, the same wherever a password is set (the app, the command line):
long enough, not a single repeated character, not the username, not a common password."""

from __future__ import annotations

import re
import secrets
from functools import cache
from pathlib import Path

MIN_LENGTH = 12
# Argon2 hashes whatever it is given; a password longer than this is refused before hashing.
MAX_LENGTH = 256
COMMON_FILE = Path(__file__).resolve().parents[2] / "config" / "common_passwords.txt"


@cache
def common() -> frozenset[str]:
    """The list of passwords too common to allow (lower case, one per line; # comments)."""
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _base(password: str) -> str:
    """The password without the digits and signs people add to a word to pass a rule."""
    return re.sub(r"[\d\W_]+$", "", re.sub(r"^[\d\W_]+", "", password.lower()))


def problem(password: str, username: str = "") -> str | None:
    """Why `password` may not be used, as a sentence, or None when it may."""
    if len(password) > MAX_LENGTH:
        return f"Kata sandi paling banyak {MAX_LENGTH} karakter."
    if len(password) < MIN_LENGTH:
        return f"Kata sandi minimal {MIN_LENGTH} karakter."
    if len(set(password.strip())) <= 1:
        return "Kata sandi tidak boleh hanya spasi atau satu karakter yang diulang."
    name = username.strip().lower()
    if name and (password.lower() == name or (len(name) >= 4 and name in password.lower())):
        return "Kata sandi tidak boleh memuat nama pengguna."
    words = common()
    if password.lower() in words or _base(password) in words:
        return "Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain."
    return None


# No 0/o, 1/l/i: a one-time password is read off a screen and typed in by someone else.
ONE_TIME_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"


def one_time(groups: int = 4, size: int = 4) -> str:
    """A random one-time password such as `k7mq-3xpa-9rtd-wc2h` (about 79 bits), which the
    policy accepts; the owner replaces it at the first sign-in."""
    while True:
        password = "-".join(
            "".join(secrets.choice(ONE_TIME_LETTERS) for _ in range(size)) for _ in range(groups)
        )
        if problem(password) is None:
            return password
