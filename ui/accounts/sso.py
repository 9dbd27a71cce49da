"""Single sign-on on the sign-in page: the providers' buttons (st.login), the identity a
provider has just vouched for (st.user), and the page for an identity without an account."""

from __future__ import annotations

import os
import time
import tomllib
from pathlib import Path

import streamlit as st

from data_access.accounts.sso import Identity
from ui.frame.state import t

CONFIG = Path(__file__).resolve().parents[2] / "config" / "masuk.toml"
MODES = ("lokal", "sso", "keduanya")
# An identity counts as just vouched for this long after the provider issued it; an older
# one (a provider's cookie kept for days) never opens a session by itself.
FRESH_SECONDS = 600
PROVIDER_KEYS = ("client_id", "server_metadata_url")


def _config() -> dict:
    path = Path(os.environ.get("SIGN_IN_CONFIG") or CONFIG)
    with path.open("rb") as f:
        return tomllib.load(f)


def mode() -> str:
    """lokal | sso | keduanya (SIGN_IN_MODE, else config/masuk.toml)."""
    chosen = (os.environ.get("SIGN_IN_MODE") or _config().get("cara") or "keduanya").strip()
    if chosen not in MODES:
        raise ValueError(f"SIGN_IN_MODE / config/masuk.toml cara: {chosen!r}, pilih {MODES}")
    return chosen


def providers() -> dict[str, str]:
    """Name → button label of every provider configured in .streamlit/secrets.toml."""
    try:
        auth = st.secrets.get("auth") or {}
    except Exception:  # noqa: BLE001 - no secrets file: no provider
        return {}
    if not auth.get("redirect_uri") or not auth.get("cookie_secret"):
        return {}
    labels = _config().get("label", {})
    found = {
        name: str(labels.get(name, name))
        for name, section in auth.items()
        if hasattr(section, "get") and any(section.get(k) for k in PROVIDER_KEYS)
    }
    if any(auth.get(k) for k in PROVIDER_KEYS):
        found["default"] = str(labels.get("default", "SSO"))
    return found


def fresh_identity() -> Identity | None:
    """The identity the provider vouched for in the last minutes, if any."""
    try:
        user = st.user
        if not user.is_logged_in:
            return None
        issued = int(user.get("iat") or 0)
    except Exception:  # noqa: BLE001 - outside a browser, or a cookie without claims
        return None
    if abs(time.time() - issued) > FRESH_SECONDS:
        return None
    verified = user.get("email_verified")
    return Identity(
        provider=str(user.get("provider") or "default"),
        subject=str(user.get("sub") or ""),
        email=str(user.get("email") or ""),
        name=str(user.get("name") or user.get("email") or ""),
        issued_at=issued,
        issuer=str(user.get("iss") or ""),
        # Only a true claim counts (some providers send the string "true").
        email_verified=verified is True or str(verified).lower() == "true",
        sole_provider=len(providers()) == 1,
    )


def buttons() -> None:
    for name, label in providers().items():
        st.button(
            t("auth.sso_button", label=label),
            key=f"w_sso_{name}",
            type="primary",
            on_click=st.login,
            args=(name,),
            icon=":material/badge:",
        )


def refused_page(reason: str, email: str, admins: list[str]) -> None:
    """An identity the provider knows but this dashboard does not let in: who to ask. The
    e-mail is the identity's own words, so it is shown as plain text."""
    st.title(t("auth.sso_refused_title"))
    if reason == "disabled":
        st.error(t("auth.disabled"))
    elif reason in ("unknown", "unverified", "other_provider", "other_identity"):
        st.warning(t(f"auth.sso_{reason}"), icon=":material/person_search:")
        st.text(email)
        st.text(t("auth.sso_ask", admins=", ".join(admins) or t("auth.sso_no_admin")))
    else:
        st.error(t("auth.sso_no_email"))
    st.button(t("auth.sso_leave"), key="w_sso_leave", on_click=st.logout)
