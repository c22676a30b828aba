"""The app freezes its start-up objects once per process, never a stopped app's garbage.

Why it matters: ``gc.freeze()`` moves every object alive at that moment out of the collector's
reach for good. At the first start those are modules, models and settings. A second app in the
same process (the test suite starts ~1,800) froze the first app's cyclic garbage as well: 2 MB
per start that no collection could free, 1.1 GB in a test worker after a few hundred tests.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from odr.app import create_app
from odr.settings import load_settings


async def started_and_stopped(folder: Path) -> weakref.ref[object]:
    app = create_app(load_settings({"ODR_DATA_DIR": str(folder)}))
    async with app.router.lifespan_context(app):
        pass
    return weakref.ref(app)


async def test_a_stopped_apps_objects_are_collected_after_another_app_starts(
    tmp_path: Path,
) -> None:
    await started_and_stopped(tmp_path / "first")  # whatever the process froze before
    frozen = gc.get_freeze_count()
    gone = await started_and_stopped(tmp_path / "second")
    await started_and_stopped(tmp_path / "third")
    assert gc.get_freeze_count() <= frozen, "a later start froze more objects"
    gc.collect()
    assert gone() is None, "a stopped app outlived a collection"
