# Environment: the simulator stepped request by request. An agent that places each request as
# ksp-ff (or ff-ksp) would, reading only the observation's masks, gets exactly simulate()'s
# blocking with the same seed; the masks are the true free slots; no slot is held twice; invalid
# actions are refused and change nothing.
import random

import numpy
import pytest

import lightmesh

SETUP = dict(requests=1500, warmup=300, slots=24, bitrate=(40, 100), holding_mean=5,
             truncate_holding=True, k=3)
LOAD = 60


def lowest_start(free, width):
    """The lowest start of `width` consecutive free slots in a bool row, or None."""
    run = 0
    for slot, is_free in enumerate(free):
        run = run + 1 if is_free else 0
        if run == width:
            return slot - width + 1
    return None


def ksp_first_fit(obs):
    for path in range(obs["paths"]):
        start = lowest_start(obs["mask"][path], obs["slots_needed"][path])
        if start is not None:
            return (path, start)
    return None


def first_fit_ksp(obs):
    best = None
    for path in range(obs["paths"]):
        start = lowest_start(obs["mask"][path], obs["slots_needed"][path])
        if start is not None and (best is None or start < best[1]):
            best = (path, start)
    return best


def episode(env, seed, stream, agent):
    obs = env.reset(seed=seed, stream=stream)
    done = False
    steps = 0
    while not done:
        obs, reward, done, info = env.step(agent(obs))
        assert reward == (1.0 if info["accepted"] else -1.0)
        steps += 1
    assert steps == env.episode_length
    return env.totals


@pytest.mark.parametrize("policy, agent", [("ksp-ff", ksp_first_fit), ("ff-ksp", first_fit_ksp)])
def test_agent_reproduces_simulate(nsfnet, policy, agent):
    replications, seed = 3, 5
    expected = lightmesh.simulate(nsfnet, [LOAD], replications=replications, seed=seed,
                                  policy=policy, **SETUP)
    env = lightmesh.Environment(nsfnet, LOAD, **SETUP)
    totals = [episode(env, seed, stream, agent) for stream in range(replications)]
    assert all(t["requests"] == SETUP["requests"] for t in totals)
    assert all(t["slot_conflicts"] == 0 for t in totals)
    # Stream by stream, exactly: replication r of simulate() is stream r.
    service = [t["service_blocking"] for t in totals]
    bandwidth = [t["bandwidth_blocking"] for t in totals]
    assert min(service) > 0.01  # the comparison means something only if requests are blocked
    assert service == expected["service_blocking_by_replication"][0].tolist()
    assert bandwidth == expected["bandwidth_blocking_by_replication"][0].tolist()
    assert numpy.mean(service) == pytest.approx(expected["service_blocking_mean"][0], rel=1e-12)


def test_masks_are_the_true_free_slots_and_no_slot_is_held_twice(nsfnet):
    env = lightmesh.Environment(nsfnet, LOAD, directed=True, **SETUP)
    rng = random.Random(3)
    obs = env.reset(seed=9)
    assert obs["mask"].shape == (env.k, env.slots) and obs["mask"].dtype == numpy.bool_
    done = False
    while not done:
        held = env.link_occupancy()
        links = env.candidate_links()
        assert obs["paths"] == len(links)
        for path, path_links in enumerate(links):
            truth = ~held[path_links].any(axis=0)
            assert (obs["mask"][path] == truth).all()
        assert not obs["mask"][len(links):].any()
        assert (obs["slots_needed"][len(links):] == 0).all()
        # A random agent: any feasible placement, or block now and then.
        decided = obs
        choices = [(p, s) for p in range(obs["paths"])
                   for s in range(env.slots - obs["slots_needed"][p] + 1)
                   if obs["mask"][p][s:s + obs["slots_needed"][p]].all()]
        action = rng.choice(choices) if choices and rng.random() < 0.9 else None
        obs, reward, done, info = env.step(action)
        if action is not None:
            # The block is held on every link of the path, unless the connection already left
            # before the next request arrived (then it is wholly free); nothing else was taken
            # (departures may have freed other slots meanwhile).
            path, start = action
            block = slice(start, start + decided["slots_needed"][path])
            after = env.link_occupancy()
            left = done or decided["time"] + decided["holding"] <= obs["time"]
            if not done:
                assert after[links[path], block].all() == (not left)
                assert after[links[path], block].any() == (not left)
            taken = after & ~held
            taken[numpy.ix_(links[path], range(block.start, block.stop))] = False
            assert not taken.any()
        assert info["slot_conflicts"] == 0
    assert env.totals["slot_conflicts"] == 0


@pytest.mark.parametrize("action, message", [
    ((7, 0), "path 7 is out of range"),
    ((-1, 0), "path -1 is out of range"),
    ((0, 10_000), "past the spectrum"),
    ((0, -2), "first slot -2 is out of range"),
    ("block", "expected \\(path, first slot\\) or None"),
    ((0,), "expected \\(path, first slot\\) or None"),
    ((0.5, 1), "whole numbers"),
])
def test_invalid_actions_are_refused_and_change_nothing(nsfnet, action, message):
    options = dict(SETUP, requests=300, warmup=50)
    env = lightmesh.Environment(nsfnet, LOAD, **options)
    untouched = episode(env, 2, 0, ksp_first_fit)
    obs = env.reset(seed=2)
    for _ in range(100):  # some traffic first
        obs, _, _, _ = env.step(ksp_first_fit(obs))
    before, totals = env.link_occupancy(), env.totals
    with pytest.raises(lightmesh.Error, match=message):
        env.step(action)
    assert (env.link_occupancy() == before).all() and env.totals == totals
    done = False
    while not done:  # the same request is still waiting: the episode ends as if never refused
        obs, _, done, _ = env.step(ksp_first_fit(obs))
    assert env.totals == untouched


def test_placing_on_held_slots_is_refused(nsfnet):
    env = lightmesh.Environment(nsfnet, LOAD, **SETUP)
    obs = env.reset(seed=4)
    while True:  # find a request whose first path has a held slot, after some traffic
        held = numpy.flatnonzero(~obs["mask"][0])
        if obs["paths"] and len(held):
            with pytest.raises(lightmesh.Error, match="not free on every link"):
                env.step((0, max(0, min(held[0], env.slots - obs["slots_needed"][0]))))
            return
        obs, _, done, _ = env.step(ksp_first_fit(obs))
        assert not done


def test_episode_bounds(nsfnet):
    env = lightmesh.Environment(nsfnet, LOAD, requests=5, warmup=2, slots=24)
    with pytest.raises(lightmesh.Error, match="reset\\(\\) first"):
        env.step(None)
    env.reset(seed=1)
    counted = []
    for _ in range(7):
        _, _, done, info = env.step(None)
        counted.append(info["counted"])
    assert done and counted == [False, False, True, True, True, True, True]
    assert env.totals["blocked"] == 5
    with pytest.raises(lightmesh.Error, match="episode is over"):
        env.step(None)


def test_bad_options_raise(nsfnet):
    with pytest.raises(lightmesh.Error, match="load: 0 is out of range"):
        lightmesh.Environment(nsfnet, 0)
    with pytest.raises(lightmesh.Error, match='unknown option "replications"'):
        lightmesh.Environment(nsfnet, 10, replications=3)
