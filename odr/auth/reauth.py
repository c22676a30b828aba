"""Re-entering the password inside a session (signing a settlement, changing the password).

A session cookie is not proof that the person at the keyboard knows the password, which is why
signing asks for it again. Without a limit, though, a stolen session could guess that password
as fast as the server answers, around the login throttle. So each re-entry is checked and
counted exactly like a login from an untrusted device: per client address and per account, in
the same window and against the same limits (``throttle.reauth_scopes``); past them the answer
is 429 ``reauth_throttled`` with ``Retry-After``.
"""

from __future__ import annotations

from odr.auth import throttle
from odr.errors import ApiError
from odr.web.api import Context


async def confirm_password(ctx: Context, password: str, *, refused: ApiError) -> None:
    """Return when ``password`` is the caller's; otherwise count the failure and raise ``refused``.

    Commits the failure count, so call it before the handler writes anything else.
    """
    settings, now = ctx.services.settings, ctx.services.clock()
    scopes = throttle.reauth_scopes(settings, address=ctx.client_address, email=ctx.user.email)
    await throttle.check(
        ctx.db,
        scopes,
        now,
        settings.login_window_s,
        what="wrong passwords",
        code="reauth_throttled",
    )
    if not await ctx.services.hasher.verify(ctx.user.password_hash, password):
        await throttle.record_failure(ctx.db, scopes, now, settings.login_window_s)
        await ctx.db.commit()
        raise refused
