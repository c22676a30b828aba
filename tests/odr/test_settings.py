"""Settings: no configuration needed to start, clear errors for bad values, secrets masked."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from odr.settings import SettingsError, load_settings, mask_url


def test_defaults_need_no_environment(tmp_path: Path) -> None:
    settings = load_settings({"ODR_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite+aiosqlite:///{tmp_path / 'kelisim.sqlite3'}"
    assert settings.redis_url is None
    assert settings.allowed_origins == ("http://127.0.0.1:8000",)
    assert (settings.argon2_memory_kib, settings.argon2_time_cost) == (19456, 2)


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = load_settings({"ODR_DATA_DIR": str(tmp_path)}).secret_key
    second = load_settings({"ODR_DATA_DIR": str(tmp_path)}).secret_key
    assert first == second and len(first) >= 32
    mode = (tmp_path / "secret_key").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
    assert load_settings({"ODR_DATA_DIR": str(tmp_path / "other")}).secret_key != first


def test_secrets_are_masked_in_repr(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "ODR_DATA_DIR": str(tmp_path),
            "ODR_SECRET_KEY": "s" * 40,
            "ODR_DATABASE_URL": "postgresql://kelisim:pa55word@db/kelisim",
            "ODR_REDIS_URL": "redis://:r3dis@cache:6379/0",
        }
    )
    shown = repr(settings)
    for secret in ("s" * 40, "pa55word", "r3dis"):
        assert secret not in shown
    assert settings.database_url.startswith("postgresql+asyncpg://")
    assert mask_url("redis://cache:6379") == "redis://cache:6379"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("ODR_PORT", "eighty"),
        ("ODR_PORT", "70000"),
        ("ODR_ARGON2_MEMORY_KIB", "-1"),
        ("ODR_AUTO_MIGRATE", "maybe"),
        ("ODR_LOG_LEVEL", "LOUD"),
        ("ODR_PUBLIC_BASE_URL", "odr.example.kz"),
        ("ODR_ALLOWED_ORIGINS", "ftp://x"),
        ("ODR_SECRET_KEY", "too-short"),
    ],
)
def test_bad_values_name_the_variable(tmp_path: Path, key: str, value: str) -> None:
    with pytest.raises(SettingsError, match=key):
        load_settings({"ODR_DATA_DIR": str(tmp_path), key: value})


def test_settings_are_frozen(tmp_path: Path) -> None:
    settings = load_settings({"ODR_DATA_DIR": str(tmp_path)})
    with pytest.raises(AttributeError):
        settings.port = 1  # type: ignore[misc]
