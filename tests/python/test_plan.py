# plan(): the same lightpaths as `lightmesh plan --format json` on the same input, with demands
# from the file or given as Python dicts.
import json

import pytest

import lightmesh


@pytest.mark.parametrize("example, options, flags", [
    ("nsfnet", {}, []),
    ("nsfnet", {"k": 3, "policy": "best-fit"}, ["-k", "3", "--policy", "best-fit"]),
    ("london", {"metric": "hops", "disjoint": "node"}, ["--metric", "hops", "--disjoint", "node"]),
])
def test_plan_equals_the_cli(source, cli_json, example, options, flags):
    network = source / "examples" / example / "network.json"
    demands = source / "examples" / example / "demands.json"
    expected = cli_json("plan", network, "--demands", demands, *flags)
    assert lightmesh.plan(network, demands, **options) == expected


def test_demands_given_as_dicts_plan_as_the_file_does(source):
    network = lightmesh.load_network(source / "examples" / "nsfnet" / "network.json")
    demands_file = source / "examples" / "nsfnet" / "demands.json"
    demands = json.loads(demands_file.read_text())["demands"]
    from_file = lightmesh.plan(network, demands_file)
    from_dicts = lightmesh.plan(network, demands)
    assert from_dicts["lightpaths"] == from_file["lightpaths"]
    assert from_dicts["summary"] == from_file["summary"]
    assert from_file["summary"]["served"] > 0


def test_unknown_site_is_unserved_not_an_exception(source):
    network = source / "examples" / "nsfnet" / "network.json"
    result = lightmesh.plan(network, [{"id": "x", "from": "NOWHERE", "to": "BOULDER",
                                       "bandwidth_gbps": 100}])
    assert [u["reason"] for u in result["unserved"]] == ["UNKNOWN_ENDPOINT"]


@pytest.mark.parametrize("options, message", [
    ({"policy": "worst-fit"}, "policy"),
    ({"metric": "colour"}, "metric"),
    ({"disjoint": "path"}, "disjoint"),
    ({"k": 0}, "k: 0 is out of range"),
    ({"k": -1}, "k: -1 is out of range"),
    ({"k": "3"}, "k: expected a number"),
])
def test_bad_options_raise(source, options, message):
    network = source / "examples" / "nsfnet" / "network.json"
    with pytest.raises(lightmesh.Error, match=message):
        lightmesh.plan(network, source / "examples" / "nsfnet" / "demands.json", **options)


def test_bad_demand_raises_naming_its_place(source):
    network = source / "examples" / "nsfnet" / "network.json"
    with pytest.raises(lightmesh.Error, match="bandwidth_gbps"):
        lightmesh.plan(network, [{"id": "x", "from": "BOULDER", "to": "ATLANTA",
                                  "bandwidth_gbps": -5}])
