"""The names of the cookies the service sets, and the one way to read them.

Behind https (``Settings.secure_cookies``) every cookie is named with the ``__Host-`` prefix. A
browser then accepts it only with ``Secure``, ``Path=/`` and no ``Domain``, so a sibling
subdomain or a plain-http page on the same host cannot plant or overwrite a session or CSRF
cookie (cookie tossing). Over plain http (development) the prefix would be refused, so the bare
names are used. Whoever reads or writes one of these cookies asks this module for its name.
"""

from __future__ import annotations

from collections.abc import Mapping

from odr.settings import Settings

SESSION = "kelisim_session"
CSRF = "kelisim_csrf"
DEVICE = "kelisim_device"
HOST_PREFIX = "__Host-"


def cookie_name(settings: Settings, base: str) -> str:
    """The name ``base`` has on this deployment (``__Host-`` prefixed behind https)."""
    return HOST_PREFIX + base if settings.secure_cookies else base


def read_cookie(settings: Settings, cookies: Mapping[str, str], base: str) -> str:
    """The value of cookie ``base`` under this deployment's name; "" when absent.

    Only the deployment's own name counts: behind https an unprefixed cookie (which anyone able
    to set cookies for the domain could have planted) is ignored.
    """
    return cookies.get(cookie_name(settings, base), "")
