"""The app's services, typed: Starlette's ``app.state`` holds ``Any``, so a test that reads
``app.state.services`` directly loses every type past that point."""

from __future__ import annotations

from starlette.applications import Starlette

from odr.services import Services


def services_of(app: Starlette) -> Services:
    services = app.state.services
    assert isinstance(services, Services)
    return services
