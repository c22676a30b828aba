"""Notices to people by e-mail and SMS, through a transactional outbox.

``enqueue_notice`` writes a row in the caller's transaction (so a notice exists exactly when what
it announces was committed); ``OutboxWorker`` sends due rows and retries failures with back-off.
"""

from odr.notify.outbox import enqueue_notice
from odr.notify.worker import OutboxWorker

__all__ = ["OutboxWorker", "enqueue_notice"]
