# simulate(): exactly the numbers of `lightmesh simulate --format json` with the same options and
# seed, as numpy arrays; and one clear error for each kind of bad input.
import numpy
import pytest

import lightmesh

FIGURES = ["service_blocking", "bandwidth_blocking", "utilisation", "fragmentation"]


def assert_same_as_cli(result, cli):
    points = cli["points"]
    assert isinstance(result["load"], numpy.ndarray)
    assert result["load"].tolist() == [p["load"] for p in points]
    for column in ["requests", "warmup", "replications"]:
        assert result[column].tolist() == [p[column] for p in points]
    for figure in FIGURES:
        # The JSON holds each double in its shortest exact form, so equality is exact.
        assert result[figure + "_mean"].tolist() == [p[figure]["mean"] for p in points], figure
        assert result[figure + "_ci95"].tolist() == [p[figure]["ci95"] for p in points], figure


def test_defaults_equal_the_cli(source, cli_json):
    network = source / "examples" / "london" / "network.json"
    cli = cli_json("simulate", network, "--load", "20,40", "--requests", 2000, "--warmup", 200,
                   "--replications", 3, "--seed", 7, "--no-timing")
    result = lightmesh.simulate(network, [20, 40], requests=2000, warmup=200, replications=3,
                                seed=7)
    assert_same_as_cli(result, cli)
    assert result["arrivals"] == 2 * 3 * 2200
    assert result["slot_conflicts"] == 0


def test_xlron_setup_equals_the_cli(source, nsfnet, cli_json):
    modulations = source / "tests" / "sim" / "data" / "modulations_deeprmsa.csv"
    cli = cli_json("simulate", nsfnet, "--load", "190,250", "--requests", 3000, "--warmup", 300,
                   "--replications", 2, "--seed", 11, "--directed", "--slots", 100, "--guard", 1,
                   "--bitrate", "25-100", "--holding-mean", 20, "--truncate-holding",
                   "--modulations", modulations, "--path-order", "xlron", "--k", 5,
                   "--policy", "ff-ksp", "--no-timing")
    result = lightmesh.simulate(str(nsfnet), numpy.array([190.0, 250.0]), requests=3000,
                                warmup=300, replications=2, seed=11, directed=True, slots=100,
                                guard=1, bitrate=(25, 100), holding_mean=20,
                                truncate_holding=True, modulations=modulations,
                                path_order="xlron", k=5, policy="ff-ksp", threads=1)
    assert_same_as_cli(result, cli)
    assert result["service_blocking_mean"][1] > 0


def test_blocking_by_bit_rate_equals_the_cli(nsfnet, cli_json):
    cli = cli_json("simulate", nsfnet, "--load", "190,250", "--requests", 2000, "--warmup", 200,
                   "--replications", 3, "--seed", 4, "--directed", "--slots", 100,
                   "--bitrate", "25-100", "--no-timing")
    result = lightmesh.simulate(nsfnet, [190, 250], requests=2000, warmup=200, replications=3,
                                seed=4, directed=True, slots=100, bitrate="25-100")
    classes = result["by_bitrate"]
    assert len(classes) == 4  # 76 rates: four bins
    for c, mine in enumerate(classes):
        theirs = [p["by_bitrate"][c] for p in cli["points"]]
        assert (mine["gbps_min"], mine["gbps_max"]) == (theirs[0]["gbps_min"],
                                                        theirs[0]["gbps_max"])
        assert mine["requests"].tolist() == [t["requests"] for t in theirs]
        for figure in ["service_blocking", "bandwidth_blocking"]:
            assert mine[figure]["mean"].tolist() == [t[figure]["mean"] for t in theirs], figure
            assert mine[figure]["ci95"].tolist() == [t[figure]["ci95"] for t in theirs], figure
    # The classes' requests are every counted request of the replications.
    assert sum(c["requests"] for c in classes).tolist() == [2000 * 3, 2000 * 3]


def test_random_fit_equals_the_cli_whatever_the_threads(nsfnet, cli_json):
    cli = cli_json("simulate", nsfnet, "--load", "150", "--requests", 1500, "--warmup", 100,
                   "--replications", 4, "--slots", 40, "--bitrate", "40-100", "--policy",
                   "ksp-rf", "--threads", 2, "--no-timing")
    result = lightmesh.simulate(nsfnet, 150, requests=1500, warmup=100, replications=4,
                                slots=40, bitrate="40-100", policy="ksp-rf", threads=1)
    assert_same_as_cli(result, cli)


def test_what_ifs_equal_the_cli(nsfnet, cli_json):
    net = lightmesh.load_network(nsfnet)
    removed = net.fibres[0]["id"]
    cli = cli_json("simulate", nsfnet, "--load", "120,160", "--requests", 1500, "--warmup", 100,
                   "--replications", 2, "--slots", 30, "--add-fiber", "1,14,900",
                   "--remove-fiber", removed, "--no-timing")
    result = lightmesh.simulate(nsfnet, [120, 160], requests=1500, warmup=100, replications=2,
                                slots=30, add_fiber="1,14,900", remove_fiber=[removed])
    assert_same_as_cli(result, cli)
    today = lightmesh.simulate(nsfnet, [120, 160], requests=1500, warmup=100, replications=2,
                               slots=30)
    assert result["service_blocking_mean"].tolist() != today["service_blocking_mean"].tolist()


def test_replications_are_listed_one_by_one(nsfnet):
    result = lightmesh.simulate(nsfnet, [100, 150], requests=1000, warmup=100, replications=3,
                                slots=30)
    each = result["service_blocking_by_replication"]
    assert each.shape == (2, 3)
    assert each.mean(axis=1) == pytest.approx(result["service_blocking_mean"], rel=1e-12)
    assert result["bandwidth_blocking_by_replication"].shape == (2, 3)


@pytest.mark.parametrize("loads, options, message", [
    ([0], {}, "loads: 0 is out of range"),
    ([-5], {}, "loads: -5 is out of range"),
    ([], {}, "at least one load"),
    ([10], {"replications": 1}, "replications: 1 is out of range"),
    ([10], {"policy": "best"}, "unknown policy"),
    ([10], {"path_order": "random"}, "path-order"),
    ([10], {"bitrate": "fast"}, "bitrate"),
    ([10], {"bitrate": (100, 25)}, "the range is empty"),
    ([10], {"k": 0}, "k: 0 is out of range"),
    ([10], {"seed": -1}, "seed"),
    ([10], {"directed": "yes"}, "directed: expected True or False"),
    ([10], {"colour": "red"}, 'unknown option "colour"'),
    ([10], {"remove_fiber": "NO-SUCH"}, "no fibre"),
    ([10], {"add_fiber": 5}, "add_fiber: expected a str"),
])
def test_bad_input_raises_one_clear_error(nsfnet, loads, options, message):
    with pytest.raises(lightmesh.Error, match=message):
        lightmesh.simulate(nsfnet, loads, **{"requests": 100, "warmup": 0, **options})


def test_bad_files_raise_naming_them(source, nsfnet):
    data = source / "tests" / "sim" / "data"
    with pytest.raises(lightmesh.Error, match="no_usable_row.csv"):
        lightmesh.simulate(nsfnet, [10], modulations=data / "no_usable_row.csv")
    with pytest.raises(lightmesh.Error, match="unknown_site_traffic.csv"):
        lightmesh.simulate(nsfnet, [10], traffic=data / "unknown_site_traffic.csv")
