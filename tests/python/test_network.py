# load_network(): the sites and fibres the file holds, and one clear error for a bad file.
import json

import pytest

import lightmesh


def test_native_network_lists_the_files_sites_and_fibres(source):
    path = source / "examples" / "london" / "network.json"
    net = lightmesh.load_network(path)
    raw = json.loads(path.read_text())
    assert [s["id"] for s in net.sites] == [s["id"] for s in raw["sites"]]
    assert [f["id"] for f in net.fibres] == [f["id"] for f in raw["fibers"]]
    # Ends as the file names them: a site, or an optical node of its own (a ROADM site-less).
    assert [(f["a"], f["b"]) for f in net.fibres] == [(f["a"], f["b"]) for f in raw["fibers"]]
    assert all(f["length_km"] > 0 for f in net.fibres)
    assert net.file == str(path)


def test_node_link_network_is_read_as_simulate_reads_it(nsfnet):
    net = lightmesh.load_network(str(nsfnet))
    raw = json.loads(nsfnet.read_text())
    assert len(net.sites) == len(raw["nodes"])
    assert len(net.fibres) == len(raw["links"])


def test_missing_file_raises_naming_it(tmp_path):
    missing = tmp_path / "absent.json"
    with pytest.raises(lightmesh.Error, match="absent.json"):
        lightmesh.load_network(missing)


def test_invalid_network_raises_a_value_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"sites": [{"id": "A"}], "fibers": [{"id": "f", "a": "A", "b": "Z"}]}')
    with pytest.raises(ValueError, match="bad.json"):
        lightmesh.load_network(bad)


def test_a_network_argument_must_be_a_file_name():
    with pytest.raises(lightmesh.Error, match="network: expected a file name"):
        lightmesh.load_network(42)
