"""How notices leave: e-mail over SMTP (aiosmtplib) or to a file, SMS through a gateway.

``SmsGateway`` is the interface of an SMS backend: ``HttpSmsGateway`` (``sms.py``) speaks to a
provider's HTTP API, ``FileSms`` is the development backend that appends each message to a file.
Every transport raises ``SendFailed`` on a failure worth retrying.
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

import aiosmtplib

from odr.settings import Settings


class SendFailed(Exception):
    pass


CALENDAR = "calendar"
"""A notice parameter holding an iCalendar text (a joint session's invite, #15): the e-mail
carries it as a ``text/calendar; method=…`` part, which mail clients offer to add."""


def attach_calendar(message: EmailMessage, ics: str) -> None:
    """Attach ``ics`` (after ``set_content``): its METHOD (REQUEST, CANCEL) named in the part's
    type, as RFC 6047 asks, so a client updates or removes the entry rather than adding one."""
    method = "CANCEL" if "\nMETHOD:CANCEL" in ics else "REQUEST"
    message.add_attachment(
        ics, subtype="calendar", params={"method": method}, filename="invite.ics"
    )


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


class SmsGateway(Protocol):
    async def send(self, phone: str, text: str, *, message_id: str | None = None) -> None:
        """Send ``text`` to ``phone`` (E.164); ``message_id`` names it in delivery reports."""


class SmtpMailer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(self, message: EmailMessage) -> None:
        s = self.settings
        try:
            await aiosmtplib.send(
                message,
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_username,
                password=s.smtp_password,
                start_tls=s.smtp_starttls,
                timeout=20,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise SendFailed(f"SMTP {s.smtp_host}:{s.smtp_port}: {exc}") from None


def _append(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


class FileMailer:
    """Development: each e-mail becomes one JSON line in a file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    async def send(self, message: EmailMessage) -> None:
        part = message.get_body(("plain",))  # the text, also beside an attachment
        body = "" if part is None else part.get_content()
        line = json.dumps(
            {"to": message["To"], "subject": message["Subject"], "body": body},
            ensure_ascii=False,
        )
        try:
            await asyncio.to_thread(_append, self.path, line)
        except OSError as exc:
            raise SendFailed(f"cannot write {self.path}: {exc}") from None


class FileSms:
    """Development SMS gateway: one JSON line per message in a file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    async def send(self, phone: str, text: str, *, message_id: str | None = None) -> None:
        line = json.dumps(
            {"to": phone, "text": text, "id": message_id, "at": datetime.now().isoformat()},
            ensure_ascii=False,
        )
        try:
            await asyncio.to_thread(_append, self.path, line)
        except OSError as exc:
            raise SendFailed(f"cannot write {self.path}: {exc}") from None


def make_mailer(settings: Settings) -> Mailer:
    return SmtpMailer(settings) if settings.smtp_host else FileMailer(settings.mail_file)


def make_sms_gateway(settings: Settings) -> SmsGateway:
    if settings.sms_backend == "http":
        from odr.notify.sms import HttpSmsGateway  # it raises this module's SendFailed

        return HttpSmsGateway(settings)
    return FileSms(settings.sms_file)
