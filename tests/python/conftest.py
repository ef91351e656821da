# Shared fixtures of the Python module's tests: where the sources and the lightmesh binary are
# (ctest sets LIGHTMESH_SOURCE and LIGHTMESH_BINARY; by hand they default to this tree and build/),
# and the CLI run as the independent truth the module is compared with.
import json
import os
import pathlib
import subprocess

import pytest

SOURCE = pathlib.Path(os.environ.get("LIGHTMESH_SOURCE", pathlib.Path(__file__).resolve().parents[2]))
BINARY = pathlib.Path(os.environ.get("LIGHTMESH_BINARY", SOURCE / "build" / "lightmesh"))


@pytest.fixture
def source():
    return SOURCE


@pytest.fixture
def nsfnet():
    """XLRON's NSFNET as NetworkX node-link JSON (14 sites, 21 fibres)."""
    return SOURCE / "tests" / "sim" / "data" / "nsfnet_deeprmsa.json"


@pytest.fixture
def cli_json():
    """Runs `lightmesh ARGS --format json` and returns its JSON; fails on a non-zero exit."""

    def run(*args):
        assert BINARY.exists(), f"{BINARY} is not built (cmake --build build --target lightmesh)"
        done = subprocess.run([str(BINARY), *map(str, args), "--format", "json"],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run
