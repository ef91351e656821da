# Environment(from_db=…): the twin of a controller. Services are created through a real
# controller (`lightmesh serve` on loopback, `lightmesh service create`), which commits them to its
# SQLite store; the environment started from that store holds exactly the slots those services'
# lightpaths report (the controller's answer is the independent truth), so the observation's
# masks never offer them, and its held link-slots are those `simulate --from-db` counts.
import json
import os
import socket
import subprocess
import time

import numpy
import pytest

import lightmesh
from conftest import BINARY

PAIRS = [("LSE", "LD8"), ("THN", "PRK"), ("LD4", "RDG"), ("LSE", "THN"), ("LD8", "LD4")]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def booked_store(tmp_path, source):
    """A SQLite store holding services created through a controller; yields (db, services)."""
    network = source / "examples" / "london" / "network.json"
    db = tmp_path / "controller.db"
    port = free_port()
    server = subprocess.Popen([str(BINARY), "serve", str(network), "--db", str(db), "--listen",
                               f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        token_file = tmp_path / "controller.db.admin-token"
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, "lightmesh serve exited"
            if token_file.exists():
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    pass
            assert time.monotonic() < deadline, "lightmesh serve did not start"
            time.sleep(0.1)
        env = dict(os.environ, LIGHTMESH_URL=f"http://127.0.0.1:{port}",
                   LIGHTMESH_TOKEN=token_file.read_text().strip())
        services = []
        for a, b in PAIRS:
            done = subprocess.run([str(BINARY), "service", "create", "--from", a, "--to", b,
                                   "--bandwidth-gbps", "400", "--format", "json"], env=env,
                                  capture_output=True, text=True, check=False)
            assert done.returncode == 0, done.stderr
            services.append(json.loads(done.stdout))
    finally:
        server.terminate()
        server.wait(timeout=30)
    yield network, db, services


def booked_cells(network, services, slots):
    """(link, slot) pairs the services' lightpaths hold, on the simulator's default grid: link f is
    fibre f of the file (undirected), simulated slot s is flex-grid slots 2s and 2s + 1."""
    fibre_index = {f["id"]: i for i, f in enumerate(lightmesh.load_network(network).fibres)}
    cells = set()
    for service in services:
        for lp in service["lightpaths"]:
            first, count = lp["first_slot"], lp["slot_count"]
            for fibre in lp["fibers"]:
                for s in range(first // 2, (first + count - 1) // 2 + 1):
                    assert s < slots
                    cells.add((fibre_index[fibre], s))
    return cells


def test_the_twin_environment_never_offers_the_booked_slots(booked_store, cli_json):
    network, db, services = booked_store
    env = lightmesh.Environment(network, 30, from_db=f"sqlite:{db}", requests=300, warmup=0, k=3)
    obs = env.reset(seed=1)
    truth = booked_cells(network, services, env.slots)
    assert truth, "the services hold spectrum"
    held = env.link_occupancy()
    assert {(int(l), int(s)) for l, s in zip(*numpy.nonzero(held))} == truth
    # The CLI's twin holds as many link-slots.
    cli = cli_json("simulate", network, "--from-db", f"sqlite:{db}", "--load", 30, "--requests",
                   100, "--replications", 2, "--no-timing")
    assert cli["config"]["from_db"]["booked_link_slots"] == len(truth)
    assert cli["config"]["from_db"]["services"] == len(services)
    # Every observation's masks: free exactly where no link of the path is held, and never on a
    # booked slot, while an agent places requests first-fit on top.
    for _ in range(100):
        occupancy = env.link_occupancy()
        for path, links in enumerate(env.candidate_links()):
            expected = ~occupancy[links].any(axis=0)
            assert (obs["mask"][path] == expected).all()
            for link in links:
                for s in range(env.slots):
                    if (link, s) in truth:
                        assert not obs["mask"][path][s]
        action = None
        for path in range(obs["paths"]):
            width = obs["slots_needed"][path]
            free = obs["mask"][path]
            starts = [s for s in range(env.slots - width + 1) if free[s:s + width].all()]
            if starts:
                action = (path, starts[0])
                break
        obs, _, done, _ = env.step(action)
        if done:
            break
    assert env.totals["slot_conflicts"] == 0
    # The booked slots stay held throughout; a fresh episode starts from them again.
    assert all(env.link_occupancy()[l, s] for l, s in truth)
    env.reset(seed=2)
    assert {(int(l), int(s)) for l, s in zip(*numpy.nonzero(env.link_occupancy()))} == truth


def test_without_a_store_an_episode_starts_empty(source):
    env = lightmesh.Environment(source / "examples" / "london" / "network.json", 30, requests=10)
    env.reset(seed=1)
    assert not env.link_occupancy().any()


def test_a_store_that_does_not_exist_is_a_clear_error(source, tmp_path):
    with pytest.raises(lightmesh.Error, match="no such database file"):
        lightmesh.Environment(source / "examples" / "london" / "network.json", 30,
                              from_db=f"sqlite:{tmp_path / 'missing.db'}")
