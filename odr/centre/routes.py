"""HTTP endpoints of conciliation centres for their staff: registry, dashboard, mediator actions,
analytics. No response to centre staff ever holds a party's private interests unless that party
shared them (``odr.centre.party_routes``).

Each handler translates HTTP and calls one function of a service module (``registry``,
``dashboard``, ``supervision``, ``analytics``) that decides who may do it and holds the
transaction; an action on a case answers with ``case_view``'s reading of what it committed.

The endpoints are in modules of their own, gathered here in the order they are routed: the
registry (``registry_routes.py``), the dashboard and a case's actions (``case_routes.py``), the
analytics (``analytics_routes.py``).
"""

from __future__ import annotations

from odr.centre.analytics_routes import api as analytics_api
from odr.centre.case_routes import api as case_api
from odr.centre.registry_routes import api as registry_api
from odr.web.api import Api

api = Api()
api.include(registry_api)
api.include(case_api)
api.include(analytics_api)
