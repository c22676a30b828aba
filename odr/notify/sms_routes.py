"""The SMS endpoints, as one ``Api`` for the app: short links (``short_links.py``) and the
provider's delivery reports (``sms_delivery.py``)."""

from __future__ import annotations

from odr.notify import short_links, sms_delivery
from odr.web.api import Api

api = Api()
api.include(short_links.api)
api.include(sms_delivery.api)
