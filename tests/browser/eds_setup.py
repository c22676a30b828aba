"""Fixtures of the EDS browser tests: a test PKI (module-wide), the NCALayer stand-in, and the
app's environment that trusts the one and reaches the other. A test module imports the three
names (``from tests.browser.eds_setup import env, nca, pki``) to use them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.builders.ncalayer import NcaLayerStandIn, ncalayer_stand_in
from tests.builders.pki import Authority, serve

WAIT_MS = 30_000
"""Preparing a signature renders the settlement PDF (a second or more on a busy machine)."""


@pytest.fixture(scope="module")
def pki() -> Iterator[Authority]:
    with serve(Authority()) as served:
        yield served


@pytest.fixture
async def nca() -> AsyncIterator[NcaLayerStandIn]:
    async with ncalayer_stand_in() as stand_in:
        yield stand_in


@pytest.fixture
def env(
    env: dict[str, str], tmp_path: Path, pki: Authority, nca: NcaLayerStandIn
) -> dict[str, str]:
    anchors = tmp_path / "nca-rk.pem"
    anchors.write_bytes(pki.anchors_pem())
    return {**env, "ODR_EDS_TRUST_ANCHORS": str(anchors), "ODR_NCALAYER_URL": nca.url}
