"""Who may read what: every read and write in data_access names its caller, checked here.

A `mitra` account sees its own partner in full and other partners only as anonymous peer
figures: their rows keep partner type, periods and measures, lose every name, code, place and
free text, and carry a negative stand-in id. Staff roles (pimpinan, admin, verifikator) see
everything; only an admin reads the audit trail.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import inspect
import secrets
from dataclasses import dataclass

import pandas as pd

from core.accounts.roles import STAFF, Role, may

# Columns a peer row keeps besides its numbers: nothing here names or places a partner.
PEER_KEEPS = {
    "partner_id",
    "partner_type",
    "year",
    "quarter",
    "scope_code",
    "indicator_code",
    "status",
}
PEER_DROPS_NUMBERS = {"lat", "lon", "mou_id"}
POLICIES = ("public", "own", "peers", "staff", Role.ADMIN)  # admin: admins only


class AccessDenied(PermissionError):
    """The caller's role or partner may not read or change this; the message says why."""


@dataclass(frozen=True)
class Viewer:
    """The account on whose behalf a read or write runs."""

    role: str
    partner_id: int | None = None
    username: str = ""

    @property
    def is_partner(self) -> bool:
        return self.role == Role.MITRA

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF

    @classmethod
    def anonymous(cls) -> Viewer:
        """Before sign-in: enough to read whether the data is demo data, nothing more."""
        return cls(role="")


def require_owner(viewer: Viewer, partner_id: int, refusal: str) -> None:
    """Writes of a partner's own data: that partner's accounts, or an admin."""
    if viewer.role == Role.ADMIN or (viewer.is_partner and viewer.partner_id == partner_id):
        return
    raise AccessDenied(refusal)


def require_admin(viewer: Viewer, refusal: str) -> None:
    """The registry, the area list and accounts: admins only."""
    if viewer.role != Role.ADMIN:
        raise AccessDenied(refusal)


def require_verifier(viewer: Viewer, refusal: str) -> None:
    """Decisions on what partners sent: a verifier, or an admin."""
    if not may(viewer.role, "decide"):
        raise AccessDenied(refusal)


# A secret drawn when the process starts: stand-ins are keyed hashes of the real ids, the
# same within the process (frames of one page still join on them) but not computable, and so
# not reversible, by anyone who calls the read functions or sees their answers.
_PEER_KEY = secrets.token_bytes(32)


def stand_in(partner_id: int) -> int:
    """A negative id for a peer that does not follow the real ids' order and cannot be
    traced back to them without the process's secret."""
    digest = hmac.new(_PEER_KEY, f"peer:{partner_id}".encode(), hashlib.sha256).digest()
    return -(int.from_bytes(digest[:6], "big") % 1_000_000_000 + 1)


def anonymize(frame, viewer: Viewer, keep: frozenset[str] = frozenset()):
    """The frame as a `mitra` viewer may see it: other partners' rows without identity
    (anything but a frame passes unchanged: a count names nobody). `keep`: text columns
    that are categories derived from a row's own figures (a band, where a target comes
    from), kept on peers' rows as their figures are."""
    if not isinstance(frame, pd.DataFrame) or not viewer.is_partner:
        return frame
    if "partner_id" not in frame.columns or frame.empty:
        return frame
    out = frame.copy()
    peers = out["partner_id"] != viewer.partner_id
    if not peers.any():
        return out
    for column in out.columns:
        numeric = pd.api.types.is_numeric_dtype(out[column])
        if column in PEER_KEEPS or column in keep:
            continue
        if numeric and column not in PEER_DROPS_NUMBERS:
            continue
        if numeric:
            out[column] = out[column].astype("float64")
            out.loc[peers, column] = float("nan")
        else:
            out[column] = out[column].astype(object)
            out.loc[peers, column] = None
    # One keyed hash per peer, not per row (a frame can hold many rows per partner).
    ids = out.loc[peers, "partner_id"]
    out.loc[peers, "partner_id"] = ids.map({pid: stand_in(pid) for pid in ids.unique()})
    # Rows in stand-in order, so that the order of the real ids does not show either.
    return out.sort_values("partner_id", kind="stable").reset_index(drop=True)


# Every guarded read by its name (names are unique across data_access; a test keeps them so).
REGISTERED: dict = {}


def guarded(policy: str, *, cached: bool = False):
    """Give a read function a required `viewer` keyword and enforce `policy` for it.
    `cached`: the pages may take its answer from a cache shared by every viewer, dropped
    whenever the data changes (ui.frame.data.read); else it is read afresh every time (what
    people edit while others read it, the audit trail, accounts and sessions).

    Policies:

    - public: anyone, even before sign-in;
    - own: one partner's detail; a `mitra` gets its own partner whatever it asks for, and is
      refused when it names another;
    - peers: frames with a row per partner; a `mitra` gets the other rows anonymized;
    - staff: signed-in staff roles only;
    - admin: admins only.
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy}")

    def wrap(function):
        takes_partner = "partner_id" in inspect.signature(function).parameters

        def admit(viewer: Viewer, arguments: dict) -> dict:
            return _admitted(policy, takes_partner, viewer, arguments)

        def finish(viewer: Viewer, result):
            return _shown(policy, viewer, result)

        @functools.wraps(function)
        def read(*, viewer: Viewer, **arguments):
            return finish(viewer, function(**admit(viewer, arguments)))

        def through(answer, *, viewer: Viewer, **arguments):
            """As read(), with the function's answer for the admitted arguments taken from
            `answer(arguments as a sorted tuple)`, a cache shared by every viewer: the answer
            depends on the arguments alone, and who may see what is settled before the cache
            is asked and after it has answered."""
            admitted = admit(viewer, arguments)
            return finish(viewer, answer(tuple(sorted(admitted.items()))))

        read.policy = policy
        read.cached = cached
        read.through = through
        known = REGISTERED.get(function.__name__)
        if known is not None and known.__wrapped__.__module__ != function.__module__:
            raise ValueError(f"two reads are named {function.__name__}: name one otherwise")
        REGISTERED[function.__name__] = read
        return read

    return wrap


def _admitted(policy: str, takes_partner: bool, viewer, arguments: dict) -> dict:
    """The arguments a read of `policy` runs with for `viewer`, or AccessDenied."""
    if not isinstance(viewer, Viewer):
        raise AccessDenied("Pembacaan data tanpa akun tidak diizinkan.")
    if policy == "public":
        return arguments
    if policy == Role.ADMIN and viewer.role != Role.ADMIN:
        raise AccessDenied("Hanya admin yang boleh membuka data ini.")
    if not (viewer.is_staff or viewer.is_partner):
        raise AccessDenied("Silakan masuk terlebih dahulu.")
    if viewer.is_partner:
        if policy == "staff":
            raise AccessDenied("Data ini hanya untuk petugas badan.")
        if takes_partner:
            asked = arguments.get("partner_id")
            if asked is not None and asked != viewer.partner_id:
                raise AccessDenied("Akun ini hanya boleh membuka data mitranya sendiri.")
            arguments = {**arguments, "partner_id": viewer.partner_id}
    return arguments


def _shown(policy: str, viewer: Viewer, result):
    """A read's answer as `viewer` may see it."""
    if policy == "peers" and viewer.is_partner:
        if isinstance(result, dict):
            return {key: anonymize(value, viewer) for key, value in result.items()}
        if isinstance(result, pd.DataFrame):
            return anonymize(result, viewer)
    return result
