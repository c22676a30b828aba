"""``odr serve --workers N`` refuses what several workers cannot do, naming the setting."""

from __future__ import annotations

from pathlib import Path

from tests.builders.processes import odr


def test_several_workers_need_redis_then_postgresql(tmp_path: Path) -> None:
    no_redis = odr("serve", "--workers", "2", data_dir=tmp_path)
    assert no_redis.returncode == 2
    assert "ODR_REDIS_URL" in no_redis.stderr and "Traceback" not in no_redis.stderr

    on_sqlite = odr(
        "serve", "--workers", "2", data_dir=tmp_path, ODR_REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert on_sqlite.returncode == 2
    assert "PostgreSQL" in on_sqlite.stderr and "ODR_DATABASE_URL" in on_sqlite.stderr

    none = odr("serve", "--workers", "0", data_dir=tmp_path)
    assert none.returncode == 2 and "--workers must be between 1 and 64" in none.stderr
