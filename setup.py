"""Build hook: the wheel carries the top-level ``migrations/`` and ``static/`` as ``odr/_bundled/``.

Everything else about the package is declared in pyproject.toml. The two folders stay at the top
of the repository (``alembic.ini``, the editable install and developers use them there) and
``odr.resources.folder`` finds them in either place. Copying them in ``build_py`` is the
smallest way to get them into the package: setuptools' ``package-dir`` mapping would need every
``odr`` subpackage listed by hand (a forgotten one is this same defect again) and
``__init__.py`` files inside ``static/`` (served to browsers) and ``migrations/``, and symlinks
break on Windows checkouts. ``MANIFEST.in`` puts the folders in the sdist, so a wheel built from
the sdist has them too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
FOLDERS = ("migrations", "static")  # odr.resources.Folder
BUNDLED = Path("odr", "_bundled")  # odr.resources.BUNDLED


class BuildPyWithFolders(build_py):
    """``build_py`` that also copies ``FOLDERS`` into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's own folders
            return
        for name in FOLDERS:
            target = Path(self.build_lib) / BUNDLED / name
            shutil.rmtree(target, ignore_errors=True)  # no file deleted since a previous build
            shutil.copytree(
                ROOT / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.py[cod]")
            )


setup(cmdclass={"build_py": BuildPyWithFolders})
