"""The mail server for reminders, from the environment: SMTP_HOST (none: reminders by e-mail
are off), SMTP_PORT, SMTP_STARTTLS / SMTP_SSL, SMTP_SENDER, SMTP_USER and SMTP_PASSWORD,
SMTP_CA_FILE (an agency's own certificate authority), SMTP_TIMEOUT (seconds)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.utils import parseaddr

YES, NO = ("1", "true", "ya", "yes", "on"), ("0", "false", "tidak", "no", "off", "")


class MailSettingsError(ValueError):
    """A mail setting is wrong; the message names it and says what to write."""


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: str  # starttls | ssl | none
    sender: str
    user: str = ""
    password: str = field(default="", repr=False)
    ca_file: str = ""
    timeout: float = 20.0

    @property
    def sender_domain(self) -> str:
        return parseaddr(self.sender)[1].rpartition("@")[2] or "localhost"


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise MailSettingsError(f"{name} harus 1 atau 0 (ya/tidak), tertulis {value!r}")


def mail_settings(env: Mapping[str, str] | None = None) -> MailSettings | None:
    """The settings, or None when SMTP_HOST is not set (reminders go to the app only)."""
    env = os.environ if env is None else env
    host = env.get("SMTP_HOST", "").strip()
    if not host:
        return None
    ssl, starttls = _flag(env, "SMTP_SSL", False), _flag(env, "SMTP_STARTTLS", True)
    security = "ssl" if ssl else "starttls" if starttls else "none"
    port_text = env.get("SMTP_PORT", "").strip() or {"ssl": "465", "starttls": "587"}.get(
        security, "25"
    )
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise MailSettingsError(f"SMTP_PORT harus nomor port 1–65535, tertulis {port_text!r}")
    sender = env.get("SMTP_SENDER", "").strip()
    try:
        name, address = parseaddr(sender)
        if not address or "@" not in address:
            raise ValueError
        Address(addr_spec=address)
    except (ValueError, IndexError):
        raise MailSettingsError(
            'SMTP_SENDER harus alamat pengirim, mis. "Pantau MoU PMI <pengingat@kp2mi.go.id>"'
            f", tertulis {sender!r}"
        ) from None
    user, password = env.get("SMTP_USER", "").strip(), env.get("SMTP_PASSWORD", "")
    if bool(user) != bool(password):
        raise MailSettingsError("SMTP_USER dan SMTP_PASSWORD diisi keduanya atau tidak sama sekali")
    try:
        timeout = float(env.get("SMTP_TIMEOUT", "20") or 20)
    except ValueError:
        raise MailSettingsError("SMTP_TIMEOUT harus angka detik, mis. 20") from None
    ca_file = env.get("SMTP_CA_FILE", "").strip()
    if ca_file and not os.path.isfile(ca_file):
        raise MailSettingsError(f"SMTP_CA_FILE tidak ditemukan: {ca_file}")
    return MailSettings(
        host,
        int(port_text),
        security,
        sender,
        user,
        password,
        ca_file,
        max(1.0, min(timeout, 120.0)),
    )


def mail_state(env: Mapping[str, str] | None = None) -> tuple[str, str]:
    """What the app says about reminders by e-mail: ('on', server), ('off', '') or
    ('wrong', the sentence that says which setting is wrong)."""
    try:
        settings = mail_settings(env)
    except MailSettingsError as exc:
        return "wrong", str(exc)
    if settings is None:
        return "off", ""
    return "on", f"{settings.host}:{settings.port}"
