"""HTTP latency and open WebSockets by route template, observed in ``RequestContextMiddleware``.

The label is the route's template (``/api/cases/{case_id}``), never the path: a path holds ids,
and a label per id would grow the series without bound. The router leaves the matched route's
endpoint in the request's scope; ``RouteLabels`` maps it back to its template, built once from
the app's routes. A request no route took (refused before routing, say a body over the limit)
is ``unmatched``; the browser app's files share their mount's template, ``/{path}``.

Sockets are counted where every one passes, the middleware: from the moment the endpoint accepts
one (``/ws``, ``/ws/centre``; a handshake refused before that never counts) until it ends.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.routing import BaseRoute, Match, Mount, Route, WebSocketRoute
from starlette.types import Scope

from odr.metrics.instruments import Metrics

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"

_Routed = Route | WebSocketRoute | Mount


class RouteLabels:
    """Endpoint (as the router puts it in the scope) → its route's template."""

    def __init__(self, routes: Sequence[BaseRoute]) -> None:
        self._by_endpoint: dict[object, list[tuple[_Routed, str]]] = {}
        for route in routes:
            if isinstance(route, Route | WebSocketRoute):
                self._add(route.endpoint, route, route.path)
            elif isinstance(route, Mount):
                self._add(route.app, route, f"{route.path}/{{path}}")

    def _add(self, endpoint: object, route: _Routed, template: str) -> None:
        self._by_endpoint.setdefault(endpoint, []).append((route, template))

    def of(self, scope: Scope) -> str:
        candidates = self._by_endpoint.get(scope.get("endpoint"))
        if not candidates:
            return UNMATCHED
        if len(candidates) == 1:
            return candidates[0][1]
        # One handler behind several paths (the browser app's /join and /reset): ask each.
        probe = {"type": scope["type"], "path": scope["path"], "method": scope.get("method")}
        for route, template in candidates:
            if route.matches(probe)[0] is not Match.NONE:
                return template
        return candidates[0][1]


class RequestMetrics:
    """What the middleware tells about each request and socket (``web.middleware.Observer``)."""

    def __init__(self, metrics: Metrics, routes: Sequence[BaseRoute]) -> None:
        self.labels = RouteLabels(routes)
        self.durations = metrics.http_duration
        self.sockets = metrics.websockets_open
        for route in routes:
            if isinstance(route, WebSocketRoute):
                self.sockets.labels(route.path)  # 0 until the first one opens

    def answered(self, scope: Scope, status: int | None, seconds: float) -> None:
        method = scope["method"] if scope["method"] in METHODS else "other"
        status_class = f"{status // 100}xx" if status is not None else "none"
        self.durations.labels(self.labels.of(scope), method, status_class).observe(seconds)

    def socket_opened(self, scope: Scope) -> None:
        self.sockets.labels(self.labels.of(scope)).inc()

    def socket_closed(self, scope: Scope) -> None:
        self.sockets.labels(self.labels.of(scope)).dec()
