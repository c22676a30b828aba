"""Helpers for ``bench/realtime.py``: server processes (the baseline relay's too) and /proc
readings. The throwaway PostgreSQL database is ``_database.py``, the relay ``_relay.py``.

Everything started here is stopped on the way out, also on error or Ctrl+C.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import _checkout  # noqa: F401  (puts the checkout on sys.path for tests.builders)
import httpx
from _server import free_port

REDIS_URL = "redis://127.0.0.1:6379/0"
NGINX_NAME = "localhost"  # the certificate's and nginx's server name; clients connect to 127.0.0.1
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
T = TypeVar("T")
REPO = Path(__file__).resolve().parent.parent


# -- /proc readings ------------------------------------------------------------------------


def rss_kib(pid: int) -> int:
    """Resident set size of a process in KiB (VmRSS)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used (utime + stime)."""
    with open(f"/proc/{pid}/stat") as stat:
        text = stat.read()
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def machine_busy() -> tuple[float, float]:
    """(busy jiffies, total jiffies) over all cores, from /proc/stat."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return sum(values) - idle, sum(values)


def cpu_by_name(names: tuple[str, ...]) -> dict[int, tuple[str, float]]:
    """CPU seconds of every process whose command name is one of ``names`` (e.g. postgres)."""
    found: dict[int, tuple[str, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/comm") as comm:
                name = comm.read().strip()
            if name in names:
                found[int(entry.name)] = (name, cpu_seconds(int(entry.name)))
        except OSError:  # gone meanwhile
            continue
    return found


def family(pid: int) -> list[int]:
    """``pid`` and every process below it (``odr serve --workers N``'s workers, nginx's)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                text = stat.read()
        except OSError:  # gone meanwhile
            continue
        parent = int(text[text.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


@dataclass
class CpuMeter:
    """CPU use of some processes, this process and the whole machine between start and stop."""

    pids: list[int]
    proxy: list[int] = field(default_factory=list)  # nginx's processes, when it is in front
    started: float = 0.0
    wall: float = 0.0
    servers: dict[int, float] = field(default_factory=dict)
    own: float = 0.0
    proxied: dict[int, float] = field(default_factory=dict)
    machine: tuple[float, float] = (0.0, 0.0)
    others: dict[int, tuple[str, float]] = field(default_factory=dict)
    other_names: tuple[str, ...] = ("postgres", "redis-server")

    def start(self) -> None:
        self.started = time.perf_counter()
        self.others = cpu_by_name(self.other_names)
        self.servers = {pid: cpu_seconds(pid) for pid in self.pids}
        self.proxied = {pid: cpu_seconds(pid) for pid in self.proxy}
        self.own = own_cpu_seconds()
        self.machine = machine_busy()

    def stop(self) -> dict[str, float]:
        """Percent of one core per server pid (``pid:N``), summed (``servers``), the proxy's
        processes summed (``proxy``), ``client``,
        each of ``other_names`` (all its processes) and ``machine`` (percent of all cores)."""
        wall = time.perf_counter() - self.started
        busy, total = machine_busy()
        result = {
            f"pid:{pid}": 100 * (cpu_seconds(pid) - before) / wall
            for pid, before in self.servers.items()
        }
        result["servers"] = sum(result.values())
        result["proxy"] = sum(
            100 * (cpu_seconds(pid) - before) / wall for pid, before in self.proxied.items()
        )
        for name in self.other_names:
            result[name] = 0.0
        for pid, (name, seconds) in cpu_by_name(self.other_names).items():
            before = self.others.get(pid, (name, 0.0))[1]  # a new process: all of its time
            result[name] += 100 * (seconds - before) / wall
        result["client"] = 100 * (own_cpu_seconds() - self.own) / wall
        result["machine"] = 100 * (busy - self.machine[0]) / max(1.0, total - self.machine[1])
        return result


# -- processes -----------------------------------------------------------------------------


@dataclass
class Server:
    pid: int
    base: str  # http://127.0.0.1:PORT
    log: Path

    @property
    def address(self) -> str:
        return self.base.removeprefix("http://")

    def pids(self) -> list[int]:
        """The process and its workers (``odr serve --workers N``)."""
        return family(self.pid)


@dataclass
class Front:
    """Where the clients connect: one server itself, or nginx in front of the servers."""

    base: str  # http://127.0.0.1:PORT, or https://NAME:PORT through nginx
    tls: ssl.SSLContext | None = None  # what the clients trust, through nginx
    pids: list[int] = field(default_factory=list)  # nginx's processes

    @property
    def ws_url(self) -> str:
        return self.base.replace("http", "ws", 1) + "/ws"

    @property
    def origin(self) -> str:
        return self.base

    @classmethod
    def direct(cls, server: Server) -> Front:
        return cls(server.base)


def _stop(process: subprocess.Popen[bytes], grace: float = 20) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)  # uvicorn shuts down cleanly (and cProfile writes out)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _tail(path: Path, lines: int = 30) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    return ""


@contextlib.contextmanager
def spawn(
    argv: list[str], port: int, env: dict[str, str], ready_path: str, log: Path
) -> Iterator[Server]:
    """Start a process that listens on ``port``; wait until ``ready_path`` answers 200."""
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            argv, env=env, stdout=log_file, stderr=subprocess.STDOUT, cwd=REPO
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{base}{ready_path}", timeout=1).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{argv[2:5]} did not start; its log:\n{_tail(log)}")
            time.sleep(0.1)
        yield Server(process.pid, base, log)
    finally:
        _stop(process)


@contextlib.contextmanager
def odr_server(
    port: int, workdir: Path, name: str, profile: bool = False, workers: int = 1, **env: str
) -> Iterator[Server]:
    """``odr serve`` with bench-friendly settings; ``profile`` makes it profile the event-loop
    thread between SIGUSR1 and SIGUSR2 (see ``_profiled.py``); ``workers`` above 1 serves with
    ``--workers``, and waits until every worker has started, not just the first."""
    data_dir = workdir / f"data-{name}"
    environment = {
        **os.environ,
        "ODR_DATA_DIR": str(data_dir),
        "ODR_LOG_LEVEL": "WARNING",
        "ODR_ARGON2_MEMORY_KIB": "1024",
        "ODR_ARGON2_TIME_COST": "1",
        **env,
    }
    if profile or env.get("BENCH_MEMORY"):  # between SIGUSR1 and SIGUSR2, see _profiled.py
        profiled = Path(__file__).resolve().parent / "_profiled.py"
        module = [sys.executable, str(profiled), str(workdir / f"{name}.prof")]
    else:
        module = [sys.executable, "-m", "odr"]
    argv = [*module, "serve", "--port", str(port)]
    if workers > 1:
        argv += ["--workers", str(workers)]
    with spawn(argv, port, environment, "/readyz", workdir / f"{name}.log") as server:
        if workers > 1:
            settle(server, workers)
        yield server


def settle(server: Server, workers: int, within: float = 90) -> None:
    """Wait until ``workers`` workers run and none is still starting (its CPU time still
    growing): /readyz answers as soon as the first one is up."""
    deadline, last = time.monotonic() + within, -1.0
    while time.monotonic() < deadline:
        pids = server.pids()
        if len(pids) > workers:  # the parent, its workers (and multiprocessing's helper)
            used = sum(cpu_seconds(pid) for pid in pids)
            if used - last < 0.05:
                return
            last = used
        time.sleep(1.0)
    raise RuntimeError(f"{workers} workers did not settle within {within} s")


@contextlib.contextmanager
def nginx_front(
    workdir: Path, apps: list[Server], https_port: int, connections: int
) -> Iterator[Front]:
    """The shipped nginx template (``deploy/nginx/kelisim.conf``) on loopback in front of
    ``apps`` (one app is both upstreams), with a throw-away certificate, one worker per core,
    and ``connections`` sockets per worker."""
    from tests.builders import nginx

    prefix = workdir / "nginx"
    prefix.mkdir()
    certificate = nginx.make_certificate(prefix, NGINX_NAME)
    addresses = [app.address for app in apps]
    site = nginx.loopback_site(
        name=NGINX_NAME,
        https_port=https_port,
        http_port=free_port(),
        certificate=certificate,
        apps=(addresses[0], addresses[-1]),
        static_root=REPO / "static",
        log_dir=prefix / "logs",
    )
    nginx.prepare_prefix(prefix, site, workers=0, connections=connections)
    checked = subprocess.run(nginx.argv(prefix, "-t"), capture_output=True, text=True, timeout=30)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t: {checked.stderr}")
    log = workdir / "nginx.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(nginx.argv(prefix), stdout=log_file, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start:\n{_tail(log)}") from None
                time.sleep(0.05)
        time.sleep(0.5)  # its workers
        yield Front(
            f"https://{NGINX_NAME}:{https_port}",
            certificate.client_context(),
            family(process.pid),
        )
    finally:
        # What nginx had to say (a 502's reason), also when the run failed: ExitStack.close()
        # does not pass the run's exception in here.
        for errors in (prefix / "error.log", prefix / "logs" / "kelisim.error.log"):
            if tail := _tail(errors, 15):
                print(f"--- nginx {errors.name} (last lines)\n{tail}", file=sys.stderr)
        if process.poll() is None:
            process.terminate()  # fast shutdown
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@contextlib.contextmanager
def baseline_server(port: int, workdir: Path) -> Iterator[Server]:
    argv = [sys.executable, str(Path(__file__).resolve().with_name("_relay.py")), str(port)]
    with spawn(argv, port, dict(os.environ), "/ready", workdir / "baseline.log") as server:
        yield server


def work_dir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="kelisim-bench-")


def run_fast(main: Coroutine[Any, Any, T]) -> T:
    """Run ``main`` on uvloop when it is installed (as uvicorn does), else on asyncio's loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main)
