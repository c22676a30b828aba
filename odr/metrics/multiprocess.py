"""Several worker processes, one ``/metrics``: prometheus-client's multiprocess mode.

When ``PROMETHEUS_MULTIPROC_DIR`` names a directory (``Settings.metrics_dir``), prometheus-client
keeps every value in a memory-mapped file there per process and metric type, instead of in the
process's memory, and ``/metrics`` on any worker merges all the files: counters and histograms
add up (those of a worker that died too, so a rate never goes backwards), the gauges combine as
each says (``livesum``: the sum over the workers still running).

prometheus-client chooses the mode when it is first imported, from that variable, so it must be
in a worker's environment before the worker starts: ``odr serve --workers N`` prepares the
directory with ``metrics_directory`` and exports it (``odr.settings.export_metrics_dir``) before
spawning the workers. A directory is emptied before use: files left by an earlier run would
count its requests again. A worker that ends marks itself dead (its ``live`` gauges go); one
that was killed is marked by whoever scrapes next (``mark_dead_processes``), so a crashed
worker's open sockets do not stay counted.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from prometheus_client import multiprocess

from odr.settings import Settings, export_metrics_dir

_FILE = re.compile(r"_(\d+)\.db$")


def empty(directory: Path) -> None:
    """Remove every metrics file of an earlier run from ``directory``."""
    for path in directory.glob("*.db"):
        path.unlink(missing_ok=True)


@contextlib.contextmanager
def metrics_directory(settings: Settings, workers: int) -> Iterator[Settings]:
    """``odr serve``'s settings, with the directory its processes share their metrics in.

    ``PROMETHEUS_MULTIPROC_DIR`` if the administrator set it (emptied first, kept after). Else,
    for more than one worker, a new private temporary directory, exported to the environment the
    workers are spawned with and removed when the block ends; one process needs none.
    """
    if settings.metrics_dir is not None:
        empty(settings.metrics_dir)
        yield settings
        return
    if workers == 1:
        yield settings
        return
    directory = Path(tempfile.mkdtemp(prefix="kelisim-metrics-"))
    export_metrics_dir(directory)
    try:
        yield replace(settings, metrics_dir=directory)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def processes_in(directory: Path) -> set[int]:
    """The process ids that wrote metrics files in ``directory``."""
    found = (_FILE.search(path.name) for path in directory.glob("*.db"))
    return {int(match.group(1)) for match in found if match}


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def mark_dead(pid: int, directory: Path) -> None:
    """Drop the ``live`` gauges of a process that ended; its counters keep counting."""
    multiprocess.mark_process_dead(pid, str(directory))  # type: ignore[no-untyped-call]


def mark_dead_processes(directory: Path) -> None:
    """Mark every process that wrote to ``directory`` and no longer runs as dead."""
    for pid in processes_in(directory):
        if not is_running(pid):
            mark_dead(pid, directory)
