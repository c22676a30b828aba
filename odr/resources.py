"""Where Kelisim's non-Python folders are: the Alembic migrations and the browser app.

In the repository they sit at the top level (``migrations/``, ``static/``), where ``alembic.ini``
and developers expect them. A wheel cannot install folders beside ``odr`` (site-packages is shared
with every other distribution, and a top-level ``static`` would collide), so building the wheel
copies them into the package as ``odr/_bundled/<name>`` (``setup.py``). This module is the one
place that knows both locations, so the app, the migrations and the CLI find the same folder in
a wheel install and in an editable one, and a broken install says what is missing instead of
starting without its UI.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Literal

BUNDLED = "_bundled"  # setup.py copies the folders here in the wheel

Folder = Literal["migrations", "static"]


class MissingFolderError(RuntimeError):
    """The install lacks one of its folders: a wheel built without ``setup.py``'s hook."""


def folder(name: Folder, *, package: Path | None = None) -> Path:
    """The directory holding ``name``: the copy inside the package, else the checkout's.

    The bundled copy is looked for first: in a wheel install the "checkout" candidate would be
    ``site-packages/<name>``, which could belong to another distribution. ``package`` (the
    ``odr`` package's directory) is for tests.
    """
    package = package or _odr_package()
    candidates = (package / BUNDLED / name, package.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise MissingFolderError(
        f"Kelisim's {name} folder is missing (looked in {' and '.join(map(str, candidates))}); "
        "reinstall Kelisim from a wheel built with its setup.py"
    )


def _odr_package() -> Path:
    package = files("odr")
    if not isinstance(package, Path):  # a zipped install: Alembic and Starlette need real files
        raise MissingFolderError(f"Kelisim must be installed as files on disk, not in {package}")
    return package
