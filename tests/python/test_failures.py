# simulate() with failures: the availability and restoration figures are exactly those of
# `lightmesh simulate --format json` with the same options and seed (the CLI is the independent
# run), for random fibre cuts and for a JSON failures file with shared-risk groups, site failures
# and scripted cuts; and bad failure options are one clear error each.
import math

import numpy
import pytest

import lightmesh

SETUP = dict(directed=True, slots=100, bitrate=(25, 100), holding_mean=24, requests=3000,
             warmup=500, replications=3, seed=5)
CLI_SETUP = ["--directed", "--slots", 100, "--bitrate", "25-100", "--holding-mean", 24,
             "--requests", 3000, "--warmup", 500, "--replications", 3, "--seed", 5, "--no-timing"]
MIX = "none:0.5,restore:0.3,1+1:0.2"


def same(array, values):
    """numpy array against the JSON's values, null as NaN; the JSON's doubles are exact."""
    assert isinstance(array, numpy.ndarray)
    assert len(array) == len(values)
    for got, want in zip(array.tolist(), values):
        if want is None:
            assert math.isnan(got)
        else:
            assert got == want


def assert_failures_as_cli(result, cli):
    points = cli["points"]
    classes = list(points[0]["availability"])
    assert sorted(result["availability"]) == sorted(classes)
    for cls in classes:
        for part in ["mean", "ci95"]:
            same(result["availability"][cls][part],
                 [(p["availability"][cls] or {}).get(part) for p in points])
    for figure in ["attempts", "success_ratio", "added_latency_us"]:
        for part in ["mean", "ci95"]:
            same(result["restoration"][figure][part],
                 [(p["restoration"][figure] or {}).get(part) for p in points])
    same(result["service_blocking_mean"], [p["service_blocking"]["mean"] for p in points])


def test_random_fibre_cuts_equal_the_cli(nsfnet, cli_json):
    cli = cli_json("simulate", nsfnet, "--load", "150,200", *CLI_SETUP, "--failures", "300,12",
                   "--protection", MIX)
    result = lightmesh.simulate(nsfnet, [150, 200], failures=(300, 12), protection=MIX, **SETUP)
    assert_failures_as_cli(result, cli)
    assert result["availability"]["none"]["mean"][0] < 1  # the cuts did hit services


def test_groups_sites_and_scripted_cuts_equal_the_cli(nsfnet, source, cli_json):
    failures = source / "tests" / "sim" / "data" / "nsfnet_failures.json"
    cli = cli_json("simulate", nsfnet, "--load", "150,200", *CLI_SETUP, "--failures-file",
                   failures, "--protection", MIX, "--time-unit-hours", 2)
    result = lightmesh.simulate(nsfnet, [150, 200], failures_file=failures, protection=MIX,
                                time_unit_hours=2, **SETUP)
    assert_failures_as_cli(result, cli)
    groups = cli["config"]["failures"]["shared_risk_groups"]
    assert [g["id"] for g in groups] == ["duct-west", "duct-east", "bridge"]


def test_a_run_without_failures_has_no_failure_figures(nsfnet):
    result = lightmesh.simulate(nsfnet, 150, requests=500, replications=2)
    assert "availability" not in result and "restoration" not in result


@pytest.mark.parametrize("options, says", [
    (dict(failures=(0, 1)), "failures: the MTBF per 1,000 km: 0 is out of range"),
    (dict(failures=(100, -1)), "failures: the MTTR: -1 is out of range"),
    (dict(failures=(100, float("nan"))), "failures: the MTTR"),
    (dict(failures=(1, 2, 3)), "expected (MTBF, MTTR), got 3 values"),
    (dict(failures=7), "failures: expected (MTBF, MTTR)"),
    (dict(failures="100"), "is not MTBF,MTTR"),
    (dict(protection="2+2"), "--protection"),
    (dict(failures=(100, 1), time_unit_hours=0), "time_unit_hours"),
    (dict(failures_file="no/such/file.json"), "no/such/file.json"),
])
def test_bad_failure_options_are_one_clear_error(nsfnet, options, says):
    with pytest.raises(lightmesh.Error, match=None) as caught:
        lightmesh.simulate(nsfnet, 150, requests=100, replications=2, **options)
    assert says in str(caught.value)


def test_an_environment_refuses_failure_options(nsfnet):
    with pytest.raises(lightmesh.Error, match="unknown option \"failures\""):
        lightmesh.Environment(nsfnet, 100, failures=(100, 1))
