"""The ``odr`` command as a person runs it: real processes, real exit codes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import httpx
import pytest

from odr import __version__
from odr.persistence.migrate import head_revision
from tests.builders.contract import CONTRACT_EXAMPLE
from tests.builders.processes import ODR, free_port, odr, wait_ready


def test_version(tmp_path: Path) -> None:
    result = odr("--version", data_dir=tmp_path)
    assert result.returncode == 0 and __version__ in result.stdout


def test_migrate_and_create_user(tmp_path: Path) -> None:
    migrated = odr("migrate", data_dir=tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    assert f"revision {head_revision()}" in migrated.stdout
    created = odr(
        "create-user",
        "--email",
        "Clerk@Court.kz",
        "--name",
        "Clerk",
        "--role",
        "clerk",
        data_dir=tmp_path,
        stdin="a long enough password\n",
    )
    assert created.returncode == 0, created.stderr
    assert "clerk@court.kz" in created.stdout
    again = odr(
        "create-user",
        "--email",
        "clerk@court.kz",
        "--name",
        "C",
        "--role",
        "clerk",
        data_dir=tmp_path,
        stdin="a long enough password\n",
    )
    assert again.returncode == 2 and "already exists" in again.stderr
    assert "Traceback" not in again.stderr


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ["create-user", "--email", "x", "--name", "X", "--role", "admin"],
            "longpassword\n",
            "not an e-mail",
        ),
        (
            ["create-user", "--email", "x@y.kz", "--name", "X", "--role", "admin"],
            "short\n",
            "at least 8",
        ),
        (["create-user", "--email", "x@y.kz", "--name", "X", "--role", "admin"], "", "password"),
        (
            ["create-user", "--email", "x@y.kz", "--name", "X", "--role", "king"],
            "",
            "invalid choice",
        ),
        (["solve", "missing.json"], "", "cannot read"),
        (["frobnicate"], "", "invalid choice"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    tmp_path: Path, args: list[str], stdin: str, message: str
) -> None:
    result = odr(*args, data_dir=tmp_path, stdin=stdin)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_bad_setting_is_reported_by_name(tmp_path: Path) -> None:
    result = odr("migrate", data_dir=tmp_path, ODR_PORT="many")
    assert result.returncode == 2 and "ODR_PORT" in result.stderr


@pytest.mark.slow
def test_serve_demo_starts_a_working_service(tmp_path: Path) -> None:
    port = free_port()
    environment = {**os.environ, "ODR_DATA_DIR": str(tmp_path)}
    process = subprocess.Popen(
        [*ODR, "serve", "--demo", "--port", str(port)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process)
        with httpx.Client(base_url=base) as client:
            login = client.post(
                "/api/auth/login",
                json={"email": "aigerim@demo.kelisim.kz", "password": "kelisim-demo-2026"},
            )
            assert login.status_code == 200, login.text
            cases = client.get("/api/cases").json()["cases"]
            assert len(cases) == 1 and cases[0]["status"] == "open"
            assert client.get("/openapi.json").json()["openapi"].startswith("3.1")
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert "kelisim-demo-2026" in stderr and f"127.0.0.1:{port}" in stderr
    assert "madina@demo.kelisim.kz" in stderr and "bakytzhan@demo.kelisim.kz" in stderr
    for line in stderr.splitlines():
        if line.startswith("{"):
            json.loads(line)  # every log line is JSON


def test_solve_prints_the_contract_output(tmp_path: Path) -> None:
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(CONTRACT_EXAMPLE))
    result = odr("solve", str(case_file), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["acceptable"] is True
    assert [p["criterion"] for p in output["packages"]][:3] == [
        "nash",
        "kalai_smorodinsky",
        "utilitarian",
    ]
    for package in output["packages"]:
        assert set(package) == {"criterion", "choice", "utilities"}
        assert set(package["choice"]) == {"price", "delivery"}
        seller = sum(
            CONTRACT_EXAMPLE["parties"][0]["weights"][i]
            * CONTRACT_EXAMPLE["parties"][0]["utilities"][i][o]
            for i, o in package["choice"].items()
        )
        assert package["utilities"]["seller"] == pytest.approx(seller, rel=1e-12)
        assert seller >= 0.3  # the seller's reservation holds


def test_solve_rejects_bad_cases_naming_the_field(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(CONTRACT_EXAMPLE))
    bad["parties"][1]["weights"]["price"] = 0.7
    case_file = tmp_path / "bad.json"
    case_file.write_text(json.dumps(bad))
    result = odr("solve", str(case_file), data_dir=tmp_path)
    assert result.returncode == 2
    assert "parties[1].weights" in result.stderr and "Traceback" not in result.stderr
    case_file.write_text("{not json")
    assert odr("solve", str(case_file), data_dir=tmp_path).returncode == 2


def test_solve_reports_no_agreement(tmp_path: Path) -> None:
    greedy = json.loads(json.dumps(CONTRACT_EXAMPLE))
    greedy["parties"][0]["reservation"] = 1.0
    greedy["parties"][1]["reservation"] = 1.0
    case_file = tmp_path / "none.json"
    case_file.write_text(json.dumps(greedy))
    result = odr("solve", str(case_file), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"acceptable": False, "packages": []}
