"""What a browser carries to resume its session: a random token, signed, in a cookie; and
the limits a session lives by (config/sesi.toml, or SESSION_CONFIG naming another file)."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import tomllib
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

COOKIE = "pantau_sesi"
# The browser's own random mark, set with the first page it loads (ui.browser_mark): a
# hand-over code is redeemed only by the browser whose mark signed in.
BROWSER = "pantau_peramban"
CONFIG = Path(__file__).resolve().parents[2] / "config" / "sesi.toml"


@dataclass(frozen=True)
class Limits:
    idle: timedelta
    absolute: timedelta


def load_limits(path: str | Path | None = None) -> Limits:
    """The idle and the absolute limit of a session, read once per version of the file
    (every interaction asks)."""
    path = Path(path or os.environ.get("SESSION_CONFIG") or CONFIG)
    return _parsed(str(path), path.stat().st_mtime)


@lru_cache(maxsize=4)
def _parsed(path: str, mtime: float) -> Limits:
    with open(path, "rb") as f:
        data = tomllib.load(f)
    idle, absolute = int(data["idle_minutes"]), int(data["absolute_hours"])
    if not (1 <= idle <= 24 * 60 and 1 <= absolute <= 24 * 30):
        raise ValueError(f"{path}: idle_minutes 1–1440 and absolute_hours 1–720")
    return Limits(timedelta(minutes=idle), timedelta(hours=absolute))


def digest(token: str) -> str:
    """What the server keeps of a token or a hand-over code: its SHA-256, never itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def _mac(token: str, secret: bytes) -> str:
    return hmac.new(secret, token.encode(), hashlib.sha256).hexdigest()


def sign(token: str, secret: bytes) -> str:
    """The cookie's value: the token and its HMAC-SHA256 under the server's secret."""
    return f"{token}.{_mac(token, secret)}"


def unsigned(value: str | None, secret: bytes) -> str | None:
    """The token of a cookie value whose signature holds, else None (tampered, truncated,
    signed with another secret, or not a token at all)."""
    if not value or len(value) > 200 or value.count(".") != 1:
        return None
    token, mac = value.split(".")
    # As bytes: a cookie may hold any character, and compare_digest refuses non-ASCII text.
    if not token or not hmac.compare_digest(mac.encode(), _mac(token, secret).encode()):
        return None
    return token


def browser_mark(value) -> str:
    """A browser mark as this server makes them (43 URL-safe characters), or '' for
    anything else a cookie may carry."""
    if not isinstance(value, str) or len(value) != 43:
        return ""
    if not all(c.isascii() and (c.isalnum() or c in "-_") for c in value):
        return ""
    return value


def plain_address(value) -> str:
    """`value` as an IP address in its normal form, or '' for anything else (a client's
    address is shown to admins and counted by the sign-in throttle: never free text)."""
    try:
        return str(ipaddress.ip_address(str(value or "").strip()))
    except ValueError:
        return ""
