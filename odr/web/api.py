"""Endpoint registry: one declaration gives the route, body validation, auth and OpenAPI entry.

A handler is ``async def handler(ctx: Context, body: Model) -> ResponseModel | None``. The wrapper
opens one database session per request (closed, and so rolled back unless committed, on any error),
authenticates when the endpoint needs it, checks the path parameters by their declared format
(``odr.web.params``: an id that cannot exist is a 404 before any query), parses the declared query
parameters into ``ctx.query``, validates the body and serialises the result. Handlers never read
``request.query_params`` or build error responses themselves: they raise ``odr.errors.ApiError``
subclasses.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from odr.persistence.models import AuthSession, CourtClient, User
from odr.services import Services
from odr.web.client_address import client_address
from odr.web.params import Param, PathParam, QueryParam, check_path, parse_query, path_params_for
from odr.web.validation import parse_body

Handler = Callable[..., Awaitable[Any]]


@dataclass
class CookieChange:
    name: str
    value: str | None  # None deletes the cookie
    max_age: int | None = None
    httponly: bool = True


@dataclass
class Context:
    """What a handler gets: the request, the app's services, a DB session, the caller if known.

    The caller is typed for the endpoints that need one. An endpoint declared with ``auth=True``
    runs its handler only after the session authenticator called ``log_in``, so there ``user`` is
    a ``User`` and ``auth_session`` an ``AuthSession``, never ``None``: a handler uses them
    without a check, and mypy holds it to that. Likewise ``court_client`` once the court's
    bearer authenticator (``auth="court"``) accepted the token. Reading one that nobody set
    (``ctx.user`` in an ``auth=False`` handler) raises ``RuntimeError``: that is a mistake in the
    endpoint's declaration, a bug to fix, not a state a handler should branch on. (One
    ``Context`` type with checked properties rather than a subclass per scheme keeps handlers,
    authenticators and the registry's one wrapper simple; the check is one comparison.)
    """

    request: Request
    services: Services
    db: AsyncSession
    cookies: list[CookieChange] = field(default_factory=list)
    response_headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    """The endpoint's declared query parameters, parsed (their defaults when absent)."""
    _auth_session: AuthSession | None = field(default=None, repr=False)
    _court_client: CourtClient | None = field(default=None, repr=False)

    def log_in(self, session: AuthSession) -> None:
        """The session authenticator's result: ``session`` (its user loaded) is the caller's."""
        self._auth_session = session

    @property
    def auth_session(self) -> AuthSession:
        """The caller's session, on an endpoint declared with ``auth=True``."""
        if self._auth_session is None:
            raise RuntimeError("no session: this endpoint is not declared with auth=True")
        return self._auth_session

    @property
    def user(self) -> User:
        """The logged-in caller, on an endpoint declared with ``auth=True``."""
        return self.auth_session.user

    @property
    def court_client(self) -> CourtClient:
        """The court's API client, on an endpoint declared with ``auth="court"``."""
        if self._court_client is None:
            raise RuntimeError('no court client: this endpoint is not declared with auth="court"')
        return self._court_client

    @court_client.setter
    def court_client(self, client: CourtClient) -> None:
        self._court_client = client

    @property
    def path_params(self) -> dict[str, str]:
        """Already checked against their declared formats."""
        return self.request.path_params

    @property
    def client_address(self) -> str:
        """Who is calling, with ``X-Forwarded-For`` believed only from ``ODR_TRUSTED_PROXIES``."""
        return client_address(self.request, self.services.settings.trusted_proxies)


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    handler: Handler
    summary: str
    tag: str
    body: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    auth: bool | str
    """False (public), True (session cookie) or the name of another authenticator ("court")."""
    errors: tuple[int, ...]
    media_type: str | None = None
    """For a handler returning its own ``Response``: the media type it returns. With ``response``
    set too (raw JSON a model describes), the OpenAPI document shows that model's schema."""
    path_params: tuple[PathParam, ...] = ()
    query_params: tuple[QueryParam, ...] = ()

    @property
    def scheme(self) -> str | None:
        if self.auth is False:
            return None
        return "session" if self.auth is True else str(self.auth)

    @property
    def operation_id(self) -> str:
        return self.handler.__name__


Authenticator = Callable[[Context], Awaitable[None]]


class Api:
    """Collects endpoints from feature modules; ``routes()`` turns them into Starlette routes."""

    def __init__(self) -> None:
        self.endpoints: list[Endpoint] = []

    def endpoint(
        self,
        method: str,
        path: str,
        *,
        summary: str,
        tag: str,
        body: type[BaseModel] | None = None,
        response: type[BaseModel] | None = None,
        status: int = 200,
        auth: bool | str = True,
        errors: tuple[int, ...] = (),
        media_type: str | None = None,
        params: tuple[Param, ...] = (),
    ) -> Callable[[Handler], Handler]:
        """``params``: the endpoint's query parameters, and the formats of its path parameters
        unless they are shared ones (``odr.web.params.SHARED_PATH_PARAMS``, e.g. ``case_id``)."""
        path_params = path_params_for(path, params)
        query_params = tuple(p for p in params if isinstance(p, QueryParam))

        def register(handler: Handler) -> Handler:
            self.endpoints.append(
                Endpoint(
                    method,
                    path,
                    handler,
                    summary,
                    tag,
                    body,
                    response,
                    status,
                    auth,
                    errors,
                    media_type,
                    path_params,
                    query_params,
                )
            )
            return handler

        return register

    def include(self, other: Api) -> None:
        self.endpoints.extend(other.endpoints)

    def routes(self, services: Services, authenticators: dict[str, Authenticator]) -> list[Route]:
        """Starlette routes whose handlers get ``services``; ``authenticators`` maps each scheme
        ("session", …) to its check."""
        return [
            Route(
                e.path,
                _asgi_handler(e, services, authenticators[e.scheme] if e.scheme else None),
                methods=[e.method],
                name=e.operation_id,
            )
            for e in self.endpoints
        ]


def _asgi_handler(
    endpoint: Endpoint, services: Services, authenticate: Authenticator | None
) -> Callable[[Request], Awaitable[Response]]:
    async def handle(request: Request) -> Response:
        async with services.sessions() as db:
            ctx = Context(request=request, services=services, db=db)
            if authenticate is not None:
                await authenticate(ctx)
            check_path(endpoint.path_params, request.path_params)
            ctx.query = parse_query(endpoint.query_params, request.query_params.multi_items())
            args: list[Any] = [ctx]
            if endpoint.body is not None:
                args.append(await parse_body(request, endpoint.body))
            result = await endpoint.handler(*args)
        return _render(endpoint, ctx, result)

    return handle


def _render(endpoint: Endpoint, ctx: Context, result: Any) -> Response:
    if isinstance(result, Response):
        response = result
    elif result is None:
        response = Response(status_code=204 if endpoint.status == 200 else endpoint.status)
    else:
        assert isinstance(result, BaseModel), f"{endpoint.operation_id} returned {type(result)}"
        response = Response(
            result.model_dump_json(),
            status_code=endpoint.status,
            media_type="application/json",
        )
    secure = ctx.services.settings.secure_cookies
    for change in ctx.cookies:
        if change.value is None:
            response.delete_cookie(change.name, path="/", secure=secure, samesite="lax")
        else:
            response.set_cookie(
                change.name,
                change.value,
                max_age=change.max_age,
                path="/",
                secure=secure,
                httponly=change.httponly,
                samesite="lax",
            )
    response.headers.update(ctx.response_headers)
    return response
