"""What the servers did in the offer window, read from outside: py-spy's samples of every server
process (workers included), and the probes ``bench/_profiled.py`` wrote.

py-spy (``pip install py-spy``; found on ``PATH`` or beside this Python) samples the stacks of
a running process without changing it, so unlike cProfile it does not slow the server it
measures; with ``--idle`` it also counts the time a thread waits, which is where a latency tail
hides.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

from _server import percentile

NATIVE = os.environ.get("BENCH_PYSPY_NATIVE") == "1"


def py_spy() -> str:
    found = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(found).exists():
        raise SystemExit("--py-spy needs py-spy: pip install py-spy")
    return found


class PySpy:
    """``py-spy record`` on each server process, from ``start`` to ``stop``; ``report`` prints
    own time by function and by area, summed over the processes."""

    def __init__(self, folder: str, name: str, pids: list[int], rate: int = 250) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.pids = pids
        self.rate = rate
        self.running: list[subprocess.Popen[bytes]] = []
        self.outputs: list[Path] = []

    def start(self) -> None:
        for pid in self.pids:
            out = self.folder / f"{self.name}-{pid}.txt"
            self.outputs.append(out)
            self.running.append(
                subprocess.Popen(
                    [
                        *(py_spy(), "record", "-p", str(pid), "-r", str(self.rate)),
                        *("--format", "raw", "-o", str(out)),
                        # BENCH_PYSPY_NATIVE=1: C frames too (uvloop, asyncpg's protocol), which
                        # needs each sample to pause the process; else never paused.
                        *(("--native",) if NATIVE else ("--nonblocking",)),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )

    def stop(self) -> None:
        for process in self.running:
            process.send_signal(signal.SIGINT)  # py-spy writes its file and exits
        for process in self.running:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

    def report(self) -> None:
        own: Counter[str] = Counter()
        total = 0
        for out in self.outputs:
            if not out.exists():
                continue
            for line in out.read_text().splitlines():
                stack, _, count = line.rpartition(" ")
                if not stack:
                    continue
                frames = stack.split(";")
                own[frames[-1]] += int(count)
                total += int(count)
        if not total:
            print(f"\n(py-spy recorded nothing for {self.name})")
            return
        print(
            f"\n### py-spy of {self.name}: own samples by function (offer window, all processes)\n"
        )
        print("| function | % |\n|---|---|")
        for function, count in own.most_common(25):
            print(f"| `{function}` | {100 * count / total:.1f} |")


PROBE_FILES = (
    (".young.txt", "A young collection of {server} traversed"),
    (".stalls.txt", "Where the loop of {server} stalled over 30 ms"),  # BENCH_STALLS=1
    (".garbage.txt", "Cyclic garbage the window of {server} left"),  # BENCH_GARBAGE=1
    (".growth.txt", "Objects the window of {server} left alive, by type"),  # BENCH_GROWTH=1
)
"""What ``bench/_profiled.py`` writes beside its probes, when asked, and its heading here."""


def print_probes(path: Path) -> None:
    """The distributions ``bench/_profiled.py`` recorded, in milliseconds."""
    samples: dict[str, list[float]] = json.loads(path.read_text())
    server = path.stem.split(".")[0]
    for suffix, title in PROBE_FILES:
        extra = path.with_suffix(suffix)
        if extra.exists():
            print(f"\n### {title.format(server=server)}\n")
            print("```\n" + extra.read_text() + "```")
    print(f"\n### Probes of {path.stem.split('.')[0]} (offer window, ms)\n")
    print("| probe | count | p50 | p99 | max | total s |\n|---|---|---|---|---|---|")
    for name, values in sorted(samples.items()):
        if not values:
            continue
        top = max(values) if values else math.nan
        print(
            f"| {name} | {len(values)} | {percentile(values, 50):.2f} | "
            f"{percentile(values, 99):.2f} | {top:.1f} | {sum(values) / 1000:.2f} |"
        )
