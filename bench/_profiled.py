"""Run ``odr`` with a cProfile that ``bench/realtime.py`` switches on and off by signal.

``python bench/_profiled.py OUT.prof serve …``: SIGUSR1 starts profiling the event-loop thread,
SIGUSR2 stops it and writes ``OUT.prof``. The benchmark sends them around the offer window, so
the profile shows the room's hot path, not sign-ups and connection set-up.
"""

from __future__ import annotations

import cProfile
import os
import runpy
import signal
import sys
from types import FrameType

profile = cProfile.Profile()
out = sys.argv[1]


def start(_signum: int, _frame: FrameType | None) -> None:
    profile.enable()


def stop(_signum: int, _frame: FrameType | None) -> None:
    profile.disable()
    profile.dump_stats(out)


signal.signal(signal.SIGUSR1, start)
signal.signal(signal.SIGUSR2, stop)
sys.argv = ["odr", *sys.argv[2:]]
# As ``python -m odr`` would: the working directory first, not bench/ (whose realtime.py would
# hide the realtime package).
sys.path[0] = os.getcwd()
runpy.run_module("odr", run_name="__main__", alter_sys=True)
