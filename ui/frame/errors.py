"""One error boundary around every page: what goes wrong unexpectedly becomes a sentence with
a reference number that is in the server log, never a traceback on the screen."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy.exc import DBAPIError, OperationalError

from data_access.store.db import Busy
from ui.frame.state import t

LOG = logging.getLogger("pantau_mou")


def reference() -> str:
    """A short number a user can read out to an admin, who finds it in the log."""
    return secrets.token_hex(4).upper()


def _unreachable(exc: Exception) -> bool:
    return isinstance(exc, OperationalError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )


@contextmanager
def boundary() -> Iterator[None]:
    """Run a page: a database that cannot be reached, writes that kept colliding and
    anything unexpected each end in a sentence; the next interaction tries again."""
    try:
        yield
    except Busy as exc:
        st.warning(str(exc), icon=":material/hourglass_top:")
    except Exception as exc:  # noqa: BLE001 - the boundary: everything becomes a sentence
        ref = reference()
        LOG.exception("unexpected error, reference %s", ref)
        key = "errors.unreachable" if _unreachable(exc) else "errors.unexpected"
        st.error(t(key, ref=ref), icon=":material/warning:")
