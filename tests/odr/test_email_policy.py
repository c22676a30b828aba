"""Notices are built with the standard e-mail policy, its header classes made once.

The same bytes as ``email.policy.default`` gives, without the new class per header that CPython's
registry makes (cyclic garbage the collector has to find, on the rooms' event loop).
"""

from __future__ import annotations

import email
import email.policy
import gc
import re
from email.message import EmailMessage
from email.policy import EmailPolicy

from odr.notify.email_policy import NOTICE_POLICY
from odr.notify.transports import attach_calendar

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


def notice(policy: EmailPolicy[EmailMessage], *, calendar: bool) -> bytes:
    message = EmailMessage(policy=policy)
    message["From"] = "Kelisim <noreply@kelisim.kz>"
    message["To"] = "Айгерім Сейітова <aigerim@example.kz>"
    message["Subject"] = "KS-ABC123: мерзім өтті"
    message["Message-ID"] = "<kelisim-notice-7.0123456789abcdef@kelisim.kz>"
    message.set_content("Сәлеметсіз бе!\n\nhttps://kelisim.kz/#/cases/c1/room")
    if calendar:
        attach_calendar(message, ICS)
    message["Content-Language"] = "kk"
    # A multipart's boundary is random: the same fixed one in both, to compare the rest.
    return re.sub(rb"=+\d+==", b"==BOUNDARY==", message.as_bytes())


def test_a_notice_is_byte_for_byte_what_the_standard_policy_makes() -> None:
    for calendar in (False, True):
        ours = notice(NOTICE_POLICY, calendar=calendar)
        assert ours == notice(email.policy.default, calendar=calendar)
        parsed = email.message_from_bytes(ours, policy=email.policy.default)
        assert parsed["Subject"] == "KS-ABC123: мерзім өтті"
        assert parsed["To"].addresses[0].display_name == "Айгерім Сейітова"
    assert b"invite.ics" in notice(NOTICE_POLICY, calendar=True)


def test_building_notices_leaves_no_cyclic_garbage() -> None:
    def garbage_of(policy: EmailPolicy[EmailMessage]) -> int:
        gc.collect()
        gc.disable()
        try:
            for _ in range(20):
                notice(policy, calendar=True)
            return gc.collect()
        finally:
            gc.enable()

    assert garbage_of(email.policy.default) > 100  # what the standard registry leaves
    assert garbage_of(NOTICE_POLICY) == 0
