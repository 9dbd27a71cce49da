"""Sending through the agency's mail server (core.mail.mail_settings): one connection per run,
one plain-text mail per recipient."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from core.mail.mail_settings import MailSettings


def connect(settings: MailSettings) -> smtplib.SMTP:
    """An open, authenticated connection; raises OSError or smtplib.SMTPException."""
    context = ssl.create_default_context(cafile=settings.ca_file or None)
    if settings.security == "ssl":
        server = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        server.ehlo()
        if settings.security == "starttls":
            server.starttls(context=context)
            server.ehlo()
        if settings.user:
            server.login(settings.user, settings.password)
    except BaseException:
        server.close()
        raise
    return server


def message(settings: MailSettings, to: str, subject: str, body: str) -> EmailMessage:
    """The mail: plain text (never HTML), marked as sent automatically."""
    mail = EmailMessage()
    mail["From"] = settings.sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=settings.sender_domain)
    mail["Auto-Submitted"] = "auto-generated"
    mail["X-Auto-Response-Suppress"] = "All"
    mail.set_content(body)
    return mail


def send(server: smtplib.SMTP, settings: MailSettings, to: str, subject: str, body: str) -> None:
    server.send_message(message(settings, to, subject, body))
