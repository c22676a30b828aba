"""Reading the environment into the values of ``Settings`` (``odr/settings.py``).

This is the only module that reads ``os.environ`` (through ``read_values``, which
``load_settings`` calls). A bad value raises ``SettingsError`` naming the variable, so a
misconfigured deployment fails at start-up and says why. Kept apart from the ``Settings``
fields and their documentation: one says what each setting is, this how each is read.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

METRICS_DIR = "PROMETHEUS_MULTIPROC_DIR"
"""prometheus-client's own variable, not an ``ODR_*`` one: the library reads it on import."""


class SettingsError(ValueError):
    """A setting has a value the service cannot use; the message names the variable."""


def normalize_database_url(url: str) -> str:
    """Pick the async driver for plain ``sqlite://`` and ``postgresql://`` URLs."""
    for plain, async_scheme in (
        ("sqlite://", "sqlite+aiosqlite://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
    ):
        if url.startswith(plain):
            return async_scheme + url[len(plain) :]
    return url


def read_values(environ: Mapping[str, str] | None, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Every setting's value, read once and checked: ``Settings``' keyword arguments.
    ``overrides`` (e.g. from CLI flags) win over the environment."""
    env = dict(os.environ if environ is None else environ)
    reader = _Reader(env)
    data_dir = Path(reader.text("ODR_DATA_DIR", ".data")).expanduser().resolve()
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": normalize_database_url(
            reader.text("ODR_DATABASE_URL", f"sqlite:///{data_dir / 'kelisim.sqlite3'}")
        ),
        "redis_url": reader.text("ODR_REDIS_URL", "") or None,
        "host": reader.text("ODR_HOST", "127.0.0.1"),
        "port": reader.integer("ODR_PORT", 8000, 1, 65535),
        "argon2_time_cost": reader.integer("ODR_ARGON2_TIME_COST", 2, 1, 100),
        "argon2_memory_kib": reader.integer("ODR_ARGON2_MEMORY_KIB", 19456, 8, 4_194_304),
        "argon2_parallelism": reader.integer("ODR_ARGON2_PARALLELISM", 1, 1, 64),
        "hash_workers": reader.integer("ODR_HASH_WORKERS", 2, 1, 64),
        "session_max_age_s": reader.integer("ODR_SESSION_MAX_AGE_S", 7 * 24 * 3600, 60, 10**8),
        "invitation_ttl_hours": reader.integer("ODR_INVITATION_TTL_HOURS", 7 * 24, 1, 24 * 365),
        "invitation_reminders_h": _hours_list(reader, "ODR_INVITATION_REMINDERS_H", "72,144"),
        "max_body_bytes": reader.integer("ODR_MAX_BODY_BYTES", 1 << 20, 1024, 1 << 30),
        "max_upload_bytes": reader.integer("ODR_MAX_UPLOAD_BYTES", 5 << 20, 1024, 1 << 30),
        "max_document_bytes": reader.integer("ODR_MAX_DOCUMENT_BYTES", 10 << 20, 1024, 1 << 30),
        "max_case_documents_bytes": reader.integer(
            "ODR_MAX_CASE_DOCUMENTS_BYTES", 100 << 20, 1024, 1 << 34
        ),
        "login_window_s": reader.integer("ODR_LOGIN_WINDOW_S", 900, 10, 86400),
        "login_max_failures_account": reader.integer("ODR_LOGIN_MAX_FAILURES_ACCOUNT", 5, 1, 1000),
        "login_max_failures_address": reader.integer(
            "ODR_LOGIN_MAX_FAILURES_ADDRESS", 20, 1, 100000
        ),
        "login_max_failures_device": reader.integer("ODR_LOGIN_MAX_FAILURES_DEVICE", 5, 1, 1000),
        "password_reset_ttl_s": reader.integer("ODR_PASSWORD_RESET_TTL_S", 1800, 60, 86400),
        "password_reset_max_account": reader.integer("ODR_PASSWORD_RESET_MAX_ACCOUNT", 3, 1, 1000),
        "password_reset_max_address": reader.integer(
            "ODR_PASSWORD_RESET_MAX_ADDRESS", 10, 1, 100000
        ),
        "session_recheck_s": reader.number("ODR_SESSION_RECHECK_S", 30.0, 0.05, 3600.0),
        "trusted_proxies": _trusted_proxies(reader),
        "auto_migrate": reader.boolean("ODR_AUTO_MIGRATE", True),
        "ws_max_frame_bytes": reader.integer("ODR_WS_MAX_FRAME_BYTES", 65536, 1024, 1 << 20),
        "ws_send_queue": reader.integer("ODR_WS_SEND_QUEUE", 256, 8, 100_000),
        "ws_idle_timeout_s": reader.integer("ODR_WS_IDLE_TIMEOUT_S", 90, 1, 86400),
        "ws_rate_per_s": reader.number("ODR_WS_RATE_PER_S", 10.0, 0.1, 10_000.0),
        "ws_rate_burst": reader.integer("ODR_WS_RATE_BURST", 30, 1, 100_000),
        "solver_time_limit_s": reader.number("ODR_SOLVER_TIME_LIMIT_S", 10.0, 0.1, 600.0),
        "solver_threads": reader.integer("ODR_SOLVER_THREADS", 1, 1, 64),
        "verify_concurrency": reader.integer("ODR_VERIFY_CONCURRENCY", 2, 1, 64),
        "public_rate_per_min": reader.number("ODR_PUBLIC_RATE_PER_MIN", 30.0, 0.1, 100_000.0),
        "public_rate_burst": reader.integer("ODR_PUBLIC_RATE_BURST", 10, 1, 100_000),
        "log_level": reader.choice("ODR_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
        **_metrics_settings(reader),
        **_notify_settings(reader, data_dir),
        **_retention_settings(reader),
        **_signing_settings(reader),
        **_seal_settings(reader),
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    if "public_base_url" not in values:
        shown_host = "127.0.0.1" if values["host"] in ("0.0.0.0", "::", "") else values["host"]
        values["public_base_url"] = reader.url(
            "ODR_PUBLIC_BASE_URL", f"http://{shown_host}:{values['port']}"
        )
    origins = reader.text("ODR_ALLOWED_ORIGINS", "")
    values["allowed_origins"] = tuple(
        _origin_of(o.strip(), "ODR_ALLOWED_ORIGINS") for o in origins.split(",") if o.strip()
    ) or (_origin_of(values["public_base_url"], "ODR_PUBLIC_BASE_URL"),)
    values["secret_key"] = reader.text("ODR_SECRET_KEY", "") or _stored_secret_key(data_dir)
    if len(values["secret_key"]) < 32:
        raise SettingsError("ODR_SECRET_KEY must be at least 32 characters long")
    return values


def _metrics_settings(reader: _Reader) -> dict[str, Any]:
    """``/metrics`` (odr/metrics): who may read it, and where several workers share values."""
    token = reader.text("ODR_METRICS_TOKEN", "") or None
    if token is not None and len(token) < 32:
        raise SettingsError("ODR_METRICS_TOKEN must be at least 32 characters long")
    directory = reader.text(METRICS_DIR, "")
    if directory and not Path(directory).is_dir():
        raise SettingsError(f"{METRICS_DIR}: {directory!r} is not a directory")
    return {"metrics_token": token, "metrics_dir": Path(directory) if directory else None}


def _hours_list(reader: _Reader, name: str, default: str) -> tuple[int, ...]:
    """A comma-separated list of hours (1 h to a year), sorted, each once."""
    given = reader.text(name, default)
    try:
        return tuple(sorted({_bounded(int(h), 1, 24 * 365) for h in given.split(",") if h}))
    except ValueError as exc:
        raise SettingsError(f"{name}: {given!r} is not valid ({exc})") from None


def _notify_settings(reader: _Reader, data_dir: Path) -> dict[str, Any]:
    """Centres, deadlines and notices (odr/centre, odr/notify)."""
    reminders = reader.text("ODR_DEADLINE_REMINDERS_H", "72,24")
    try:
        hours = tuple(sorted({_bounded(int(h), 1, 24 * 365) for h in reminders.split(",") if h}))
    except ValueError as exc:
        raise SettingsError(
            f"ODR_DEADLINE_REMINDERS_H: {reminders!r} is not valid ({exc})"
        ) from None
    return {
        "smtp_host": reader.text("ODR_SMTP_HOST", "") or None,
        "smtp_port": reader.integer("ODR_SMTP_PORT", 25, 1, 65535),
        "smtp_from": reader.text("ODR_SMTP_FROM", "Kelisim <no-reply@kelisim.local>"),
        "smtp_username": reader.text("ODR_SMTP_USERNAME", "") or None,
        "smtp_password": reader.text("ODR_SMTP_PASSWORD", "") or None,
        "smtp_starttls": reader.boolean("ODR_SMTP_STARTTLS", False),
        "mail_file": Path(reader.text("ODR_MAIL_FILE", str(data_dir / "mail.log"))),
        "sms_file": Path(reader.text("ODR_SMS_FILE", str(data_dir / "sms.log"))),
        **_sms_settings(reader),
        "deadline_days": reader.integer("ODR_DEADLINE_DAYS", 30, 1, 365),
        "deadline_reminders_h": hours,
        "performance_reminder_days": reader.integer("ODR_PERFORMANCE_REMINDER_DAYS", 3, 0, 60),
        "stalled_after_h": reader.integer("ODR_STALLED_AFTER_H", 72, 1, 24 * 365),
        "improvement_answer_h": reader.integer("ODR_IMPROVEMENT_ANSWER_H", 48, 1, 24 * 30),
        "scheduler_interval_s": reader.number("ODR_SCHEDULER_INTERVAL_S", 30.0, 0.05, 3600.0),
        "background_workers": reader.boolean("ODR_BACKGROUND_WORKERS", True),
        "shutdown_grace_s": reader.number("ODR_SHUTDOWN_GRACE_S", 10.0, 0.5, 3600.0),
        "outbox_max_attempts": reader.integer("ODR_OUTBOX_MAX_ATTEMPTS", 8, 1, 100),
        "outbox_retry_s": reader.integer("ODR_OUTBOX_RETRY_S", 60, 1, 86400),
    }


def _sms_settings(reader: _Reader) -> dict[str, Any]:
    """The SMS gateway and its cost rules (odr/notify/sms*.py)."""
    backend = reader.choice("ODR_SMS_BACKEND", "FILE", ("FILE", "HTTP")).lower()
    url = reader.text("ODR_SMS_URL", "") or None
    if backend == "http" and url is None:
        raise SettingsError("ODR_SMS_URL: the http SMS backend needs the provider's URL")
    if url is not None:
        _origin_of(url, "ODR_SMS_URL")
    secret = reader.text("ODR_SMS_CALLBACK_SECRET", "") or None
    if secret is not None and len(secret) < 16:
        raise SettingsError("ODR_SMS_CALLBACK_SECRET must be at least 16 characters long")
    return {
        "sms_backend": backend,
        "sms_url": url,
        "sms_format": reader.choice("ODR_SMS_FORMAT", "JSON", ("JSON", "FORM")).lower(),
        "sms_login": reader.text("ODR_SMS_LOGIN", "") or None,
        "sms_password": reader.text("ODR_SMS_PASSWORD", "") or None,
        "sms_token": reader.text("ODR_SMS_TOKEN", "") or None,
        "sms_sender": reader.text("ODR_SMS_SENDER", "Kelisim"),
        "sms_callback_secret": secret,
        "sms_after_unread_h": reader.integer("ODR_SMS_AFTER_UNREAD_H", 4, 0, 24 * 30),
        "sms_max_per_hour": reader.integer("ODR_SMS_MAX_PER_HOUR", 3, 1, 1000),
        "sms_max_per_day": reader.integer("ODR_SMS_MAX_PER_DAY", 10, 1, 10_000),
    }


def _retention_settings(reader: _Reader) -> dict[str, Any]:
    """Retention periods in days (odr/privacy); 0 keeps that kind of record."""
    days = 100 * 366

    def period(key: str, default: int) -> int:
        return reader.integer(key, default, 0, days)

    return {
        "retain_settled_cases_days": period("ODR_RETAIN_SETTLED_CASES_DAYS", 5 * 365 + 1),
        "retain_unsettled_cases_days": period("ODR_RETAIN_UNSETTLED_CASES_DAYS", 3 * 365 + 1),
        "retain_interests_days": period("ODR_RETAIN_INTERESTS_DAYS", 90),
        "retain_explanations_days": period("ODR_RETAIN_EXPLANATIONS_DAYS", 90),
        "retain_messages_days": period("ODR_RETAIN_MESSAGES_DAYS", 365),
        "retain_notices_days": period("ODR_RETAIN_NOTICES_DAYS", 90),
        "retain_sessions_days": period("ODR_RETAIN_SESSIONS_DAYS", 30),
        "retain_throttle_days": period("ODR_RETAIN_THROTTLE_DAYS", 1),
        "retain_resets_days": period("ODR_RETAIN_RESETS_DAYS", 7),
        "retain_accounts_days": period("ODR_RETAIN_ACCOUNTS_DAYS", 3 * 365 + 1),
        "purge_batch": reader.integer("ODR_PURGE_BATCH", 200, 1, 100_000),
    }


def _signing_settings(reader: _Reader) -> dict[str, Any]:
    """EDS through NCALayer (odr/signing): trust anchors, revocation, where NCALayer listens."""
    listed = reader.text("ODR_EDS_TRUST_ANCHORS", "")
    anchors = tuple(Path(p.strip()).expanduser() for p in listed.split(",") if p.strip())
    for path in anchors:
        if not path.is_file():
            raise SettingsError(f"ODR_EDS_TRUST_ANCHORS: {str(path)!r} is not a file")
    url = reader.text("ODR_NCALAYER_URL", "wss://127.0.0.1:13579")
    if urlsplit(url).scheme not in ("ws", "wss") or not urlsplit(url).hostname:
        raise SettingsError(f"ODR_NCALAYER_URL: {url!r} is not a ws:// or wss:// URL")
    return {
        "eds_trust_anchors": anchors,
        "eds_revocation": reader.choice(
            "ODR_EDS_REVOCATION", "PREFER", ("REQUIRE", "PREFER", "OFF")
        ).lower(),
        "eds_prepare_ttl_s": reader.integer("ODR_EDS_PREPARE_TTL_S", 600, 30, 86400),
        "ncalayer_url": url,
    }


def _seal_settings(reader: _Reader) -> dict[str, Any]:
    """The platform seal's certificate (both files or neither) and time-stamping authority."""
    key = reader.text("ODR_SEAL_KEY_FILE", "")
    chain = reader.text("ODR_SEAL_CERTIFICATE_FILE", "")
    if bool(key) != bool(chain):
        raise SettingsError("ODR_SEAL_KEY_FILE and ODR_SEAL_CERTIFICATE_FILE go together")
    for name, value in (("ODR_SEAL_KEY_FILE", key), ("ODR_SEAL_CERTIFICATE_FILE", chain)):
        if value and not Path(value).expanduser().is_file():
            raise SettingsError(f"{name}: {value!r} is not a file")
    tsa = reader.text("ODR_TSA_URL", "") or None
    if tsa is not None and (
        urlsplit(tsa).scheme not in ("http", "https") or not urlsplit(tsa).hostname
    ):
        raise SettingsError(f"ODR_TSA_URL: {tsa!r} is not an http:// or https:// URL")
    return {
        "seal_key_file": Path(key).expanduser() if key else None,
        "seal_certificate_file": Path(chain).expanduser() if chain else None,
        "tsa_url": tsa,
    }


def _trusted_proxies(reader: _Reader) -> tuple[IPv4Network | IPv6Network, ...]:
    """``ODR_TRUSTED_PROXIES``; the deprecated ``ODR_TRUST_PROXY_HEADERS=true`` means 127.0.0.1.

    That is what the boolean trusted before (uvicorn's default), so an old configuration keeps
    working unchanged. A network with host bits set (``10.0.0.5/8``) is refused: it is a typo
    for a single address or for ``10.0.0.0/8``, and guessing which could trust the wide one.
    """
    raw = reader.text("ODR_TRUSTED_PROXIES", "")
    if not raw and reader.boolean("ODR_TRUST_PROXY_HEADERS", False):
        raw = "127.0.0.1"
    networks: list[IPv4Network | IPv6Network] = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        try:
            networks.append(ip_network(item))
        except ValueError as exc:
            raise SettingsError(
                f"ODR_TRUSTED_PROXIES: {item!r} is not an IP address or network ({exc})"
            ) from None
    return tuple(networks)


def _stored_secret_key(data_dir: Path) -> str:
    """The key generated on first start and kept in the data directory (mode 0600)."""
    path = data_dir / "secret_key"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
        return path.read_text().strip()
    except FileExistsError:  # another process created it between our check and open
        return path.read_text().strip()
    except OSError as exc:
        raise SettingsError(f"ODR_DATA_DIR: cannot keep the secret key in {path}: {exc}") from exc


def _origin_of(url: str, key: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(f"{key}: {url!r} is not an http(s) URL")
    return f"{parts.scheme}://{parts.netloc}"


class _Reader:
    def __init__(self, env: Mapping[str, str]) -> None:
        self._env = env

    def text(self, key: str, default: str) -> str:
        return self._env.get(key, default).strip()

    def url(self, key: str, default: str) -> str:
        value = self.text(key, default).rstrip("/")
        _origin_of(value, key)
        return value

    def integer(self, key: str, default: int, low: int, high: int) -> int:
        value: int = self._parse(key, default, lambda raw: _bounded(int(raw), low, high))
        return value

    def number(self, key: str, default: float, low: float, high: float) -> float:
        value: float = self._parse(key, default, lambda raw: _bounded_float(float(raw), low, high))
        return value

    def boolean(self, key: str, default: bool) -> bool:
        words = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
        value: bool = self._parse(key, default, lambda raw: words[raw.lower()])
        return value

    def choice(self, key: str, default: str, allowed: tuple[str, ...]) -> str:
        value: str = self._parse(key, default, lambda raw: allowed[allowed.index(raw.upper())])
        return value

    def _parse(self, key: str, default: Any, convert: Callable[[str], Any]) -> Any:
        raw = self._env.get(key)
        if raw is None or raw.strip() == "":
            return default
        try:
            return convert(raw.strip())
        except (ValueError, KeyError) as exc:
            raise SettingsError(f"{key}: {raw!r} is not a valid value ({exc})") from None


def _bounded(value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise ValueError(f"must be between {low} and {high}")
    return value


def _bounded_float(value: float, low: float, high: float) -> float:
    if not low <= value <= high:  # also refuses nan
        raise ValueError(f"must be between {low} and {high}")
    return value
