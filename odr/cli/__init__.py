"""The ``odr`` command (``odr.cli:main``, also ``python -m odr``): the parser and the one place a
command's failure becomes a line on stderr.

Each group of commands lives in its own module and adds its subcommands to the parser:
``server`` (serve, migrate), ``accounts`` (create-user, deactivate-user), ``courts``
(create-court, create-court-client), ``documents`` (demo, solve, verify) and ``data`` (backup,
restore, purge, export-user). What they share: ``arguments`` (``CliError``, exit status 2, the
boundary check of text arguments) and ``admin`` (migrate, then act on a ``Core``).

Every failure a person can cause (bad flag, bad setting, bad file, a broken install) ends with one
line on stderr saying what to fix and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from odr import __version__
from odr.cli import accounts, courts, data, documents, server
from odr.cli.arguments import EXIT_USAGE, CliError
from odr.resources import MissingFolderError
from odr.settings import SettingsError

__all__ = ["EXIT_USAGE", "CliError", "build_parser", "main"]

# In this order in `odr --help`: running the service first, the data as a whole last.
GROUPS = (server, accounts, courts, documents, data)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        result: int = args.run(args)
        return result
    except (CliError, SettingsError, MissingFolderError) as exc:  # the last: a broken install
        print(f"odr {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="odr", description="Kelisim online dispute resolution")
    parser.add_argument("--version", action="version", version=f"odr (Kelisim) {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.add_commands(commands)
    return parser
