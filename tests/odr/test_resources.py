"""``odr.resources.folder``: the bundled copy in a wheel, the checkout's folder otherwise.

The real wheel is exercised end to end by tests/test_packaging.py; these pin the lookup order
and the message of a broken install in milliseconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import odr
from odr.resources import BUNDLED, Folder, MissingFolderError, folder

CHECKOUT = Path(odr.__file__).resolve().parents[1]


def test_a_checkout_finds_its_top_level_folders() -> None:
    assert folder("migrations") == CHECKOUT / "migrations"
    assert (folder("static") / "index.html").is_file()


def test_the_bundled_copy_wins_over_a_same_named_neighbour(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "odr"
    (package / BUNDLED / "static").mkdir(parents=True)
    (tmp_path / "site-packages" / "static").mkdir()  # another distribution's folder
    assert folder("static", package=package) == package / BUNDLED / "static"


def test_a_missing_folder_names_where_it_looked(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "odr"
    package.mkdir(parents=True)
    with pytest.raises(MissingFolderError) as raised:
        folder("migrations", package=package)
    message = str(raised.value)
    assert str(package / BUNDLED / "migrations") in message
    assert str(tmp_path / "site-packages" / "migrations") in message


def test_odr_migrate_on_a_broken_install_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from odr import cli
    from odr.persistence import migrate

    def missing(name: Folder) -> Path:
        return folder(name, package=tmp_path / "odr")  # an install without the folders

    monkeypatch.setattr(migrate, "folder", missing)
    monkeypatch.setenv("ODR_DATA_DIR", str(tmp_path / "data"))
    assert cli.main(["migrate"]) == cli.EXIT_USAGE
    error = capsys.readouterr().err
    assert error.startswith("odr migrate: Kelisim's migrations folder is missing")
    assert len(error.strip().splitlines()) == 1
