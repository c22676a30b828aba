"""The SMS endpoints for the app: the provider's delivery reports (``sms_delivery.py``, an
``Api``) and the short links (``short_links.py``, a plain route for browsers)."""

from __future__ import annotations

from odr.notify import sms_delivery
from odr.notify.short_links import short_link_routes
from odr.web.api import Api

api = Api()
api.include(sms_delivery.api)

__all__ = ["api", "short_link_routes"]
