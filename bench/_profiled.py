"""Run ``odr`` with a cProfile and probes that ``bench/realtime.py`` switches on and off by signal.

``python bench/_profiled.py OUT.prof serve …``: SIGUSR1 starts, SIGUSR2 stops and writes
``OUT.prof`` (cProfile of the event-loop thread; left out with ``BENCH_CPROFILE=0``, since it
slows every call) and ``OUT.probes.json``: where the time of a command and of the loop goes,
which a CPU profile cannot say because the tail is waiting, not computing:

- **loop lag**: a task asks to wake every 5 ms and records how late it woke, i.e. how long a
  ready callback (a frame read, an event to deliver) waits for the loop;
- **collector pauses**: ``gc.callbacks``, the length of every collection by generation, its CPU
  time (far less than its length: the process was descheduled meanwhile) and what it freed;
- **commands**: ``Room._command`` (from taking the case's lock to published), split into the
  store's ``run`` (pool acquire, SQL, commit) and ``publish``; on PostgreSQL also the wait for a
  pool connection (``acquire``). The rest of ``_command`` is the wait for the case's lock.

``BENCH_GC_THRESHOLD=700,10,10`` sets the collector's thresholds for the window, to try others
than the app's.

The benchmark sends the signals around the offer window, so neither shows sign-ups and
connection set-up.
"""

from __future__ import annotations

import asyncio
import cProfile
import functools
import gc
import json
import os
import runpy
import signal
import sys
import threading
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path
from types import FrameType
from typing import Any

LAG_EVERY_S = 0.005
STALL_MS = 30
STALL_EVERY_S = 0.005


class Probes:
    def __init__(self) -> None:
        self.on = False
        self.samples: dict[str, list[float]] = defaultdict(list)  # name -> milliseconds
        self._gc_started = 0.0
        self._gc_cpu = 0.0
        self.young: list[tuple[str, int, int]] | None = None  # a young collection's census
        self._young_seen = 0
        self._lag_task: asyncio.Task[None] | None = None
        self.before_window: dict[str, int] | None = None
        self.ticked = 0.0
        self.stalls: Counter[str] = Counter()

    def record(self, name: str, started: float) -> None:
        if self.on:
            self.samples[name].append(1000 * (time.perf_counter() - started))

    def gc_callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            if self.on and info["generation"] == 0 and self.young is None:
                # BENCH_CENSUS_AT=N: the Nth young collection of the window (default the
                # first, which still holds the connect phase's objects; later ones the steady
                # state's).
                self._young_seen += 1
                if self._young_seen >= int(os.environ.get("BENCH_CENSUS_AT", "1")):
                    self.young = self._census(gc.get_objects(0))
            self._gc_started = time.perf_counter()
            self._gc_cpu = time.thread_time()
        elif self.on:
            generation = info["generation"]
            self.record(f"gc gen{generation}", self._gc_started)
            # CPU time, beside the wall time: far less means the process was descheduled
            # during the collection (a busy machine), not collecting all that time.
            self.samples[f"gc gen{generation} cpu"].append(
                1000 * (time.thread_time() - self._gc_cpu)
            )
            self.samples[f"gc gen{generation} objects freed"].append(float(info["collected"]))

    @staticmethod
    def _census(objects: list[Any]) -> list[tuple[str, int, int]]:
        """What a young collection has to traverse: (type, objects, references they hold)."""
        count: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for obj in objects:
            entry = count[_census_name(obj)]
            entry[0] += 1
            entry[1] += len(gc.get_referents(obj))
        return sorted(((k, n, r) for k, (n, r) in count.items()), key=lambda e: -e[2])[:40]

    async def lag(self) -> None:
        clock = time.perf_counter
        while self.on:
            asked = clock()
            self.ticked = asked
            await asyncio.sleep(LAG_EVERY_S)
            self.samples["loop lag"].append(1000 * (clock() - asked - LAG_EVERY_S))

    def watch_stalls(self, main: int) -> None:
        """``BENCH_STALLS=1``: a thread that, whenever the loop has not ticked for
        ``STALL_MS``, samples the loop thread's stack every ``STALL_EVERY_S`` (the interpreter
        hands it the GIL every 5 ms of bytecode; a collection or another C call holding the GIL
        shows as no sample at all). What blocked the loop, not what kept it busy on average."""
        while self.on:
            time.sleep(STALL_EVERY_S)
            if self.ticked and 1000 * (time.perf_counter() - self.ticked) > STALL_MS:
                frame = sys._current_frames().get(main)
                if frame is not None:
                    stack = traceback.format_stack(frame, limit=14)
                    self.stalls["".join(stack)] += 1

    def timed(self, name: str, function: Any) -> Any:
        @functools.wraps(function)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                self.record(name, started)

        return wrapper

    def instrument(self) -> None:
        """Wrap the room's command path (imported here, once the app is loaded)."""
        from odr.room import room
        from odr.room.store import postgres, sqlite

        room.Room._command = self.timed("command (lock + run + publish)", room.Room._command)  # type: ignore[method-assign]
        room.Room.publish = self.timed("publish", room.Room.publish)  # type: ignore[method-assign]
        postgres.PostgresCommands.run = self.timed("store run", postgres.PostgresCommands.run)  # type: ignore[method-assign]
        sqlite.SqliteCommands.run = self.timed("store run", sqlite.SqliteCommands.run)  # type: ignore[method-assign]
        # The store's two paths: on what this process knows (one INSERT), or reading the case
        # first (a cold or stale cache: a round trip more, and folding the log).
        for name, path in (
            ("store on known", "_on_known"),
            ("store read+write", "_read_and_write"),
        ):
            setattr(
                postgres.PostgresCommands,
                path,
                self.timed(name, getattr(postgres.PostgresCommands, path)),
            )
        try:
            from asyncpg.pool import PoolAcquireContext
        except ImportError:
            return
        PoolAcquireContext.__aenter__ = self.timed("pool acquire", PoolAcquireContext.__aenter__)  # type: ignore[method-assign]

    def start(self) -> None:
        self.samples.clear()
        if os.environ.get("BENCH_GARBAGE") == "1":  # keep what the collector finds unreachable
            gc.collect()
            gc.garbage.clear()
            gc.set_debug(gc.DEBUG_SAVEALL)
        if os.environ.get("BENCH_GROWTH") == "1":  # what the window leaves alive, by type
            self.before_window = _census_of(gc.get_objects())
        self.on = True
        loop = asyncio._get_running_loop()
        if loop is not None:
            loop.call_soon_threadsafe(self._start_lag, loop)

    def _start_lag(self, loop: asyncio.AbstractEventLoop) -> None:
        self._lag_task = loop.create_task(self.lag())
        if os.environ.get("BENCH_STALLS") == "1":
            main = threading.get_ident()
            threading.Thread(target=self.watch_stalls, args=(main,), daemon=True).start()

    def stop(self, out: Path) -> None:
        self.on = False
        if os.environ.get("BENCH_GARBAGE") == "1":  # the window's cyclic garbage, by type
            gc.collect()
            gc.set_debug(0)
            kinds = sorted(_census_of(gc.garbage).items(), key=lambda e: -e[1])
            gc.garbage.clear()
            lines = [f"{n:8d}  {kind}" for kind, n in kinds[:30]]
            out.with_suffix(".garbage.txt").write_text("\n".join(lines) + "\n")
        if self.stalls:
            lines = [f"{n} samples:\n{stack}" for stack, n in self.stalls.most_common(12)]
            out.with_suffix(".stalls.txt").write_text("\n".join(lines))
        if self.before_window is not None:
            after = _census_of(gc.get_objects())
            grown = sorted(
                ((after[k] - self.before_window.get(k, 0), k) for k in after), reverse=True
            )
            lines = [f"{n:+8d}  {kind}" for n, kind in grown[:30]]
            out.with_suffix(".growth.txt").write_text("\n".join(lines) + "\n")
        out.write_text(json.dumps(self.samples))
        if self.young is not None:
            lines = [f"{n:8d} objects {r:9d} references  {kind}" for kind, n, r in self.young]
            out.with_suffix(".young.txt").write_text("\n".join(lines) + "\n")


def _census_of(objects: list[Any]) -> dict[str, int]:
    count: dict[str, int] = defaultdict(int)
    for obj in objects:
        count[_census_name(obj)] += 1
    return count


def _census_name(obj: Any) -> str:
    """A census line's name: the type, and for the kinds made per wait or per event also what
    made them (a task's coroutine, a timer's callback, a coroutine's or generator's code), since
    "849 Task" alone does not say which code to change."""
    kind = type(obj).__qualname__
    detail = ""
    if isinstance(obj, asyncio.Task):
        detail = getattr(obj.get_coro(), "__qualname__", "")
    elif isinstance(obj, asyncio.TimerHandle | asyncio.Handle):
        callback = getattr(obj, "_callback", None)
        detail = getattr(callback, "__qualname__", type(callback).__qualname__)
    elif kind in ("coroutine", "generator", "async_generator"):
        detail = getattr(obj, "__qualname__", "")
    elif isinstance(obj, type):  # a class made at run time: which one, and from what
        bases = ",".join(base.__qualname__ for base in obj.__bases__)
        detail = f"{obj.__module__}.{obj.__qualname__}({bases})"
    elif isinstance(obj, asyncio.Future):
        callbacks = getattr(obj, "_callbacks", None) or []
        detail = ",".join(
            getattr(c[0] if isinstance(c, tuple) else c, "__qualname__", "?") for c in callbacks
        )
    return f"{kind} ({detail})" if detail else kind


class Memory:
    """``BENCH_MEMORY=1``: SIGUSR1 starts tracemalloc (no socket yet: start-up and sign-ups
    are not slowed), SIGUSR2 takes a snapshot (every socket idle) and writes
    ``OUT.memory.txt``: what was allocated in between and is still held, by the line that
    allocated it and by its whole traceback."""

    def __init__(self, out: Path) -> None:
        import tracemalloc

        self.tracemalloc = tracemalloc
        self.out = out.with_suffix(".memory.txt")
        self.before: Any = None

    def start(self, _signum: int, _frame: FrameType | None) -> None:
        gc.collect()
        self.tracemalloc.start(int(os.environ.get("BENCH_MEMORY_FRAMES", "12")))
        self.before = self.tracemalloc.take_snapshot()

    def stop(self, _signum: int, _frame: FrameType | None) -> None:
        gc.collect()
        after = self.tracemalloc.take_snapshot()
        skip = [self.tracemalloc.Filter(False, self.tracemalloc.__file__)]
        after, before = after.filter_traces(skip), self.before.filter_traces(skip)
        lines = []
        shown = {"filename": 30, "lineno": 40, "traceback": 15}
        for key, title in (
            ("filename", "by file"),
            ("lineno", "by line"),
            ("traceback", "by traceback"),
        ):
            stats = after.compare_to(before, key)
            total = sum(stat.size_diff for stat in stats)
            lines.append(f"## {title}: {total / 1024:.0f} KiB held in all")
            for stat in stats[: shown[key]]:
                lines.append(
                    f"{stat.size_diff / 1024:9.1f} KiB {stat.count_diff:+8d} blocks  "
                    + (str(stat.traceback[0]) if key != "traceback" else "")
                )
                if key == "traceback":
                    lines.extend(f"        {frame}" for frame in stat.traceback.format()[-16:])
        # Whole or not at all: bench/realtime.py waits for the file to appear.
        partial = self.out.with_suffix(".partial")
        partial.write_text("\n".join(lines) + "\n")
        partial.rename(self.out)


def main() -> None:
    out = Path(sys.argv[1])
    if os.environ.get("BENCH_MEMORY") == "1":
        memory = Memory(out)
        signal.signal(signal.SIGUSR1, memory.start)
        signal.signal(signal.SIGUSR2, memory.stop)
        run_odr()
        return
    profile = cProfile.Profile() if os.environ.get("BENCH_CPROFILE", "1") != "0" else None
    probes = Probes()
    gc.callbacks.append(probes.gc_callback)
    instrumented = False

    def start(_signum: int, _frame: FrameType | None) -> None:
        nonlocal instrumented
        if not instrumented:
            probes.instrument()
            instrumented = True
            if thresholds := os.environ.get("BENCH_GC_THRESHOLD"):  # e.g. "700,10,10": try one
                gc.set_threshold(*(int(t) for t in thresholds.split(",")))
        probes.start()
        if profile is not None:
            profile.enable()

    def stop(_signum: int, _frame: FrameType | None) -> None:
        if profile is not None:
            profile.disable()
            profile.dump_stats(out)
        probes.stop(out.with_suffix(".probes.json"))

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    run_odr()


def run_odr() -> None:
    sys.argv = ["odr", *sys.argv[2:]]
    # As ``python -m odr`` would: the working directory first, not bench/ (whose realtime.py
    # would hide the realtime package).
    sys.path[0] = os.getcwd()
    runpy.run_module("odr", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
