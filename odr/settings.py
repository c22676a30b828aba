"""Settings, read once from the environment into a frozen object.

Every setting has an environment variable ``ODR_*``, a default that lets the service start
with nothing configured, and an entry in ``docs/settings.md`` (a test fails when one is
missing). Here are the fields and what each means; ``odr/settings_env.py`` reads them from the
environment (the only module that does) and raises ``SettingsError``, naming the variable, on a
bad value, so a misconfigured deployment fails at start-up and says why.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from ipaddress import IPv4Network, IPv6Network
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from odr.settings_env import METRICS_DIR, read_values
from odr.settings_env import SettingsError as SettingsError  # where callers have caught it


def _setting(env: str, doc: str, **kwargs: Any) -> Any:
    return field(metadata={"env": env, "doc": doc}, **kwargs)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = _setting(
        "ODR_DATA_DIR", "Folder for the SQLite database and the generated secret key."
    )
    database_url: str = _setting(
        "ODR_DATABASE_URL",
        "SQLAlchemy URL. Default: a SQLite file in the data directory. "
        "`postgresql://…` uses asyncpg.",
    )
    secret_key: str = _setting(
        "ODR_SECRET_KEY",
        "Key for signing device cookies and hashing throttle keys. "
        "Default: generated once into the data directory.",
        repr=False,
    )
    redis_url: str | None = _setting(
        "ODR_REDIS_URL", "Redis URL for fan-out across instances; unset means in-process."
    )
    public_base_url: str = _setting(
        "ODR_PUBLIC_BASE_URL", "The URL people use to reach the service (invitation links)."
    )
    allowed_origins: tuple[str, ...] = _setting(
        "ODR_ALLOWED_ORIGINS",
        "Comma-separated origins allowed to make state-changing requests and open WebSockets. "
        "Default: the origin of the public base URL.",
    )
    host: str = _setting("ODR_HOST", "Address `odr serve` listens on.")
    port: int = _setting("ODR_PORT", "Port `odr serve` listens on.")
    argon2_time_cost: int = _setting("ODR_ARGON2_TIME_COST", "argon2id iterations (OWASP: 2).")
    argon2_memory_kib: int = _setting(
        "ODR_ARGON2_MEMORY_KIB", "argon2id memory in KiB (OWASP: 19456)."
    )
    argon2_parallelism: int = _setting("ODR_ARGON2_PARALLELISM", "argon2id lanes (OWASP: 1).")
    hash_workers: int = _setting(
        "ODR_HASH_WORKERS", "Threads that hash passwords (bounds CPU spent on logins)."
    )
    session_max_age_s: int = _setting(
        "ODR_SESSION_MAX_AGE_S", "Lifetime of a login session in seconds."
    )
    invitation_ttl_hours: int = _setting(
        "ODR_INVITATION_TTL_HOURS", "How long an invitation link stays valid."
    )
    invitation_reminders_h: tuple[int, ...] = _setting(
        "ODR_INVITATION_REMINDERS_H",
        "Comma-separated hours after an invitation is sent at which an unanswered one is sent "
        "again as a reminder (none at or after the link expires).",
    )
    max_body_bytes: int = _setting(
        "ODR_MAX_BODY_BYTES", "Largest accepted HTTP request body in bytes."
    )
    max_upload_bytes: int = _setting(
        "ODR_MAX_UPLOAD_BYTES",
        "Largest accepted photo of an item in bytes (the file as sent; JPEG, PNG or WebP).",
    )
    max_document_bytes: int = _setting(
        "ODR_MAX_DOCUMENT_BYTES",
        "Largest accepted document or piece of evidence of a case in bytes (PDF, JPEG, PNG, WebP).",
    )
    max_case_documents_bytes: int = _setting(
        "ODR_MAX_CASE_DOCUMENTS_BYTES",
        "Total bytes of the documents a case may hold (withdrawn ones not counted).",
    )
    login_window_s: int = _setting(
        "ODR_LOGIN_WINDOW_S", "Window in seconds over which failed logins are counted."
    )
    login_max_failures_account: int = _setting(
        "ODR_LOGIN_MAX_FAILURES_ACCOUNT",
        "Failed logins per account (from devices not yet trusted) before it is throttled.",
    )
    login_max_failures_address: int = _setting(
        "ODR_LOGIN_MAX_FAILURES_ADDRESS", "Failed logins per client address before throttling."
    )
    login_max_failures_device: int = _setting(
        "ODR_LOGIN_MAX_FAILURES_DEVICE",
        "Failed logins per trusted device (one that logged in before) before throttling.",
    )
    password_reset_ttl_s: int = _setting(
        "ODR_PASSWORD_RESET_TTL_S",
        "How long a password-reset link stays valid, in seconds (single use either way).",
    )
    password_reset_max_account: int = _setting(
        "ODR_PASSWORD_RESET_MAX_ACCOUNT",
        "Password-reset requests per e-mail address within `ODR_LOGIN_WINDOW_S` (then 429).",
    )
    password_reset_max_address: int = _setting(
        "ODR_PASSWORD_RESET_MAX_ADDRESS",
        "Password-reset requests per client address within `ODR_LOGIN_WINDOW_S` (then 429).",
    )
    session_recheck_s: float = _setting(
        "ODR_SESSION_RECHECK_S",
        "How often each instance asks the database whether the sessions of its open sockets "
        "still exist (a backstop: logout and the like close sockets at once through the broker).",
    )
    trusted_proxies: tuple[IPv4Network | IPv6Network, ...] = _setting(
        "ODR_TRUSTED_PROXIES",
        "Comma-separated addresses or CIDR networks of your own reverse proxies. Only a "
        "connection from one of them has its X-Forwarded-For and X-Forwarded-Proto believed "
        "(the client is the right-most address that is not one of them). Empty: none, "
        "the connection's own address is the client's.",
    )
    auto_migrate: bool = _setting(
        "ODR_AUTO_MIGRATE", "Bring the database schema up to date when the service starts."
    )
    log_level: str = _setting("ODR_LOG_LEVEL", "DEBUG, INFO, WARNING or ERROR.")
    metrics_token: str | None = _setting(
        "ODR_METRICS_TOKEN",
        "Bearer token Prometheus sends to scrape `/metrics` (at least 32 characters; masked "
        "wherever settings are shown). Unset: `/metrics` answers 404.",
        repr=False,
    )
    metrics_dir: Path | None = _setting(
        "PROMETHEUS_MULTIPROC_DIR",
        "Directory where the worker processes of one instance share their metrics "
        "(prometheus-client's multiprocess mode). `odr serve --workers N` sets it for its "
        "workers; set it yourself only to choose where (it is emptied at start).",
    )
    ws_max_frame_bytes: int = _setting(
        "ODR_WS_MAX_FRAME_BYTES", "Largest WebSocket frame accepted (larger gets an error frame)."
    )
    ws_send_queue: int = _setting(
        "ODR_WS_SEND_QUEUE",
        "Frames queued for one WebSocket client before it is dropped as too slow (it resyncs).",
    )
    ws_idle_timeout_s: int = _setting(
        "ODR_WS_IDLE_TIMEOUT_S", "Seconds without any frame from a client before closing it."
    )
    ws_rate_per_s: float = _setting(
        "ODR_WS_RATE_PER_S", "Sustained frames per second one WebSocket connection may send."
    )
    ws_rate_burst: int = _setting(
        "ODR_WS_RATE_BURST", "Frames a WebSocket connection may send in a burst."
    )
    solver_time_limit_s: float = _setting(
        "ODR_SOLVER_TIME_LIMIT_S", "Time limit for one optimizer run (proposals) in seconds."
    )
    solver_threads: int = _setting(
        "ODR_SOLVER_THREADS", "Optimizer runs at once (each on its own thread, off the event loop)."
    )
    verify_concurrency: int = _setting(
        "ODR_VERIFY_CONCURRENCY",
        "PDF verifications run at once (each on a thread); when all are busy a further "
        "request is answered 503 `verify_busy` with `Retry-After` instead of waiting.",
    )
    public_rate_per_min: float = _setting(
        "ODR_PUBLIC_RATE_PER_MIN",
        "Sustained requests per minute one client address may make to each anonymous "
        "endpoint (verification by upload or by code, invitation preview); counted per process.",
    )
    public_rate_burst: int = _setting(
        "ODR_PUBLIC_RATE_BURST",
        "Requests one client address may make at once to each anonymous endpoint before "
        "the per-minute rate applies (then 429 `too_many_requests` with `Retry-After`).",
    )
    smtp_host: str | None = _setting(
        "ODR_SMTP_HOST",
        "SMTP server for e-mail notices; unset means e-mails are written to `ODR_MAIL_FILE`.",
    )
    smtp_port: int = _setting("ODR_SMTP_PORT", "SMTP server port.")
    smtp_from: str = _setting("ODR_SMTP_FROM", "Sender address of e-mail notices.")
    smtp_username: str | None = _setting(
        "ODR_SMTP_USERNAME", "SMTP login, if the server needs one."
    )
    smtp_password: str | None = _setting(
        "ODR_SMTP_PASSWORD", "SMTP password (masked wherever settings are shown).", repr=False
    )
    smtp_starttls: bool = _setting(
        "ODR_SMTP_STARTTLS", "Upgrade the SMTP connection with STARTTLS."
    )
    mail_file: Path = _setting(
        "ODR_MAIL_FILE", "Development e-mail backend: where e-mails go when no SMTP host is set."
    )
    sms_backend: str = _setting(
        "ODR_SMS_BACKEND",
        "SMS gateway: `file` (development: appends to `ODR_SMS_FILE`) or `http` (a provider's "
        'HTTP API at `ODR_SMS_URL`, docs/operations.md "SMS").',
    )
    sms_file: Path = _setting("ODR_SMS_FILE", "Where the `file` SMS backend writes messages.")
    sms_url: str | None = _setting(
        "ODR_SMS_URL",
        "The `http` SMS backend: the provider's URL each message is POSTed to "
        "(docs/operations.md, SMS).",
    )
    sms_format: str = _setting(
        "ODR_SMS_FORMAT", "Body of the `http` backend's request: `json` or `form`."
    )
    sms_login: str | None = _setting(
        "ODR_SMS_LOGIN", "The SMS provider's login (sent with `ODR_SMS_PASSWORD` as HTTP Basic)."
    )
    sms_password: str | None = _setting(
        "ODR_SMS_PASSWORD",
        "The SMS provider's password (masked wherever settings are shown).",
        repr=False,
    )
    sms_token: str | None = _setting(
        "ODR_SMS_TOKEN",
        "The SMS provider's API token, sent as `Authorization: Bearer` (masked).",
        repr=False,
    )
    sms_sender: str = _setting(
        "ODR_SMS_SENDER", "The sender name the provider registered for us (`sender` field)."
    )
    sms_callback_secret: str | None = _setting(
        "ODR_SMS_CALLBACK_SECRET",
        "Shared secret the provider's delivery reports must carry (header `X-Sms-Secret` or "
        "`?secret=`); unset: delivery reports are refused. At least 16 characters.",
        repr=False,
    )
    sms_after_unread_h: int = _setting(
        "ODR_SMS_AFTER_UNREAD_H",
        "Cost saving: for someone told by e-mail and SMS, the SMS goes only if the notice is "
        "still unread (in the app, or its link unopened) this many hours later; 0: at once.",
    )
    sms_max_per_hour: int = _setting(
        "ODR_SMS_MAX_PER_HOUR", "SMS one phone number gets at most per hour; more wait."
    )
    sms_max_per_day: int = _setting(
        "ODR_SMS_MAX_PER_DAY", "SMS one phone number gets at most per 24 hours; more wait."
    )
    deadline_days: int = _setting(
        "ODR_DEADLINE_DAYS", "Default mediation deadline in days for new centres."
    )
    deadline_reminders_h: tuple[int, ...] = _setting(
        "ODR_DEADLINE_REMINDERS_H",
        "Comma-separated hours before the deadline at which parties are reminded.",
    )
    performance_reminder_days: int = _setting(
        "ODR_PERFORMANCE_REMINDER_DAYS",
        "Days before a signed settlement's due date at which the debtor is reminded (also on "
        "the day itself); 0: only on the day.",
    )
    stalled_after_h: int = _setting(
        "ODR_STALLED_AFTER_H", "Hours without activity after which a case is marked stalled."
    )
    improvement_answer_h: int = _setting(
        "ODR_IMPROVEMENT_ANSWER_H",
        "Hours the parties have to answer a post-settlement improvement offer; unanswered by "
        "then, the agreement stands.",
    )
    scheduler_interval_s: float = _setting(
        "ODR_SCHEDULER_INTERVAL_S", "How often deadlines and the notice outbox are checked."
    )
    background_workers: bool = _setting(
        "ODR_BACKGROUND_WORKERS",
        "Run the deadline scheduler and the outbox sender in this instance.",
    )
    shutdown_grace_s: float = _setting(
        "ODR_SHUTDOWN_GRACE_S",
        "Seconds a stopping instance (SIGTERM) gives its sockets, requests in flight and "
        "background workers to finish before it exits.",
    )
    outbox_max_attempts: int = _setting(
        "ODR_OUTBOX_MAX_ATTEMPTS", "Attempts to send a notice before it is given up as failed."
    )
    outbox_retry_s: int = _setting(
        "ODR_OUTBOX_RETRY_S", "First retry delay of a failed notice (doubles on each attempt)."
    )
    # Personal data: how long each kind of record is kept (odr/privacy, `odr purge`); 0 = keep.
    retain_settled_cases_days: int = _setting(
        "ODR_RETAIN_SETTLED_CASES_DAYS",
        "Days after a settled case (agreed, signed, filed) ended before `odr purge` anonymises "
        "it and its room log; the signed settlement's hashes stay. 0 keeps them.",
    )
    retain_unsettled_cases_days: int = _setting(
        "ODR_RETAIN_UNSETTLED_CASES_DAYS",
        "Days after a case that ended without agreement (failed, expired, referred) before "
        "`odr purge` anonymises it and its room log. 0 keeps them.",
    )
    retain_interests_days: int = _setting(
        "ODR_RETAIN_INTERESTS_DAYS",
        "Days after a case ended before its parties' private interests are deleted. 0 keeps them.",
    )
    retain_explanations_days: int = _setting(
        "ODR_RETAIN_EXPLANATIONS_DAYS",
        "Days after a case ended before the engine's proposals with each party's explanation "
        "and advice are deleted. 0 keeps them.",
    )
    retain_messages_days: int = _setting(
        "ODR_RETAIN_MESSAGES_DAYS",
        "Days after a case ended before the text of its room messages and stated reasons is "
        "erased (the events stay). 0 keeps it.",
    )
    retain_notices_days: int = _setting(
        "ODR_RETAIN_NOTICES_DAYS",
        "Days a notice (e-mail or SMS in the outbox) is kept after it was queued. 0 keeps them.",
    )
    retain_sessions_days: int = _setting(
        "ODR_RETAIN_SESSIONS_DAYS",
        "Days an expired login session is kept (each account's latest stays: it dates the last "
        "login for `ODR_RETAIN_ACCOUNTS_DAYS`). 0 keeps them.",
    )
    retain_throttle_days: int = _setting(
        "ODR_RETAIN_THROTTLE_DAYS",
        "Days a failed-login record is kept (never less than `ODR_LOGIN_WINDOW_S`). 0 keeps them.",
    )
    retain_resets_days: int = _setting(
        "ODR_RETAIN_RESETS_DAYS",
        "Days a password-reset record is kept after its link expired. 0 keeps them.",
    )
    retain_accounts_days: int = _setting(
        "ODR_RETAIN_ACCOUNTS_DAYS",
        "Days without a login after which a party's account that has no case left is "
        "anonymised by `odr purge`. 0 keeps accounts.",
    )
    purge_batch: int = _setting(
        "ODR_PURGE_BATCH", "Rows (or cases) `odr purge` changes in one transaction."
    )
    # Electronic digital signatures through NCALayer (odr/signing, docs/signatures.md).
    eds_trust_anchors: tuple[Path, ...] = _setting(
        "ODR_EDS_TRUST_ANCHORS",
        "Comma-separated PEM files with the НУЦ РК root and intermediate certificates a party's "
        "EDS must chain to. Unset: EDS signing is off.",
    )
    eds_revocation: str = _setting(
        "ODR_EDS_REVOCATION",
        "Revocation check of a party's certificate: `require` (OCSP or CRL must answer), "
        "`prefer` (checked where reachable) or `off`.",
    )
    eds_prepare_ttl_s: int = _setting(
        "ODR_EDS_PREPARE_TTL_S",
        "Seconds the digest handed out for NCALayer to sign stays valid.",
    )
    ncalayer_url: str = _setting(
        "ODR_NCALAYER_URL",
        "Where the browser finds NCALayer (tests point it at a stand-in).",
    )
    # The platform's PAdES seal on every settlement PDF (docs/settlement.md, "Seal").
    seal_key_file: Path | None = _setting(
        "ODR_SEAL_KEY_FILE",
        "PEM private key of a configured seal certificate (with `ODR_SEAL_CERTIFICATE_FILE`). "
        "Unset: a platform CA and seal certificate issued once in the data directory.",
    )
    seal_certificate_file: Path | None = _setting(
        "ODR_SEAL_CERTIFICATE_FILE",
        "PEM chain of the configured seal certificate: the seal's own first, then its CAs.",
    )
    tsa_url: str | None = _setting(
        "ODR_TSA_URL",
        "RFC 3161 time-stamping authority for the seal (PAdES-B-T, then a document timestamp). "
        "Unset: no timestamp (PAdES-B-B).",
    )

    @property
    def secure_cookies(self) -> bool:
        return self.public_base_url.startswith("https://")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def __repr__(self) -> str:
        hidden: tuple[str, ...] = ("secret_key", "smtp_password", "metrics_token")
        hidden += ("sms_password", "sms_token", "sms_callback_secret")
        shown = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in hidden}
        shown["database_url"] = mask_url(self.database_url)
        if self.redis_url:
            shown["redis_url"] = mask_url(self.redis_url)
        if self.metrics_token:
            shown["metrics_token"] = "***"
        inner = ", ".join(f"{k}={v!r}" for k, v in shown.items())
        return f"Settings({inner}, secret_key='***')"


def documented_settings() -> dict[str, str]:
    """Environment variable → description, for docs and the test that keeps docs complete."""
    return {f.metadata["env"]: f.metadata["doc"] for f in fields(Settings)}


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``***`` (for logs and repr)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Read every setting once. ``overrides`` (e.g. from CLI flags) win over the environment."""
    return Settings(**read_values(environ, overrides))


def export_metrics_dir(directory: Path) -> None:
    """Put the metrics directory in this process's environment, for the workers it starts:
    prometheus-client reads it from there when a worker imports it (odr/metrics)."""
    os.environ[METRICS_DIR] = str(directory)
