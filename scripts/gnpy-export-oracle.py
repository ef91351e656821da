#!/usr/bin/env python3
"""GNPy v2.12 checks lightmesh's plans on lightmesh's own networks (part of `make oracle`).

For every bundled example (examples/*/network.json with its demands) and three TopoHub networks
(germany50, cost266, janos-us, imported with --route-factor 1.3, their traffic matrix as demands),
this plans the demands with `lightmesh plan`, exports the network, its equipment and the plan's
path requests with `lightmesh export --to gnpy`, runs GNPy's path-request tool on the export, and
compares lightpath by lightpath:
  - route: GNPy's path crosses the plan's ROADMs, in order, on the plan's fibres;
  - feasibility: every mode plan chose is feasible in GNPy (a response, not a no-path);
  - GSNR: GNPy's SNR-0.1nm against the plan's gsnr_mean_db (goal: within 0.05 dB).
lightmesh's own GNPy engine (`lightmesh qot --requests`) runs on the same files as a third figure.
Each lightpath is also asked the other way (last node to first, a reversed copy of the plan
exported the same way): its mode must be feasible in GNPy that way too, and GNPy's SNR-0.1nm
must match the plan's gsnr_reverse_mean_db. Then the modes plan passed over: for every lightpath, each mode of a higher bit rate is asked of
GNPy and of lightmesh's engine on the same route (probe requests, spectrum left to them), and their
verdicts must agree: MODE_NOT_FEASIBLE in one is MODE_NOT_FEASIBLE in the other.

It prints a table and exits 1 on any route or feasibility mismatch or a GSNR difference beyond the
tolerance. This is a test harness beside the product: it reads GNPy from ../shared/tools and the
TopoHub files from ../shared/data, and the product never reads either.

  scripts/gnpy-export-oracle.py --lightmesh build/lightmesh \\
      --gnpy ../shared/tools/gnpy-v2.12 --topologies ../shared/data/topologies
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOPOHUB = ("germany50", "cost266", "janos-us")
ROUTE_FACTOR = "1.3"


def run(cmd, log):
    """Runs a command; on failure prints its output and raises."""
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True)
    with open(log, "a") as f:
        f.write("$ " + " ".join(cmd) + "\n" + p.stdout[-20000:] + p.stderr[-20000:] + "\n")
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}:\n{p.stderr[-3000:]}")
    return time.monotonic() - t0


def all_pairs_demands(network_file, out):
    """One 100 Gb/s demand between every pair of sites, for an example without demands."""
    with open(network_file) as f:
        sites = [s["id"] for s in json.load(f)["sites"]]
    demands = [{"id": f"{a}-{b}", "from": a, "to": b, "bandwidth_gbps": 100}
               for i, a in enumerate(sites) for b in sites[i + 1:]]
    with open(out, "w") as f:
        json.dump({"demands": demands}, f, indent=1)


def topohub_demands(topohub_file, network_file, out):
    """The TopoHub traffic matrix as demands: one per pair of nodes, its volume the larger of the
    two directions, read as Gb/s. TopoHub names nodes by id; lightmesh's import by name."""
    with open(topohub_file) as f:
        th = json.load(f)
    with open(network_file) as f:
        sites = {s["id"] for s in json.load(f)["sites"]}
    name = {str(n["id"]): (n.get("name") or str(n["id"])) for n in th["nodes"]}
    volume = {}
    for a, row in th["graph"]["demands"].items():
        for b, v in row.items():
            key = tuple(sorted((name[str(a)], name[str(b)])))
            if key[0] != key[1] and v > 0:
                volume[key] = max(volume.get(key, 0), float(v))
    demands = [{"id": f"{a}-{b}", "from": a, "to": b, "bandwidth_gbps": math.ceil(v)}
               for (a, b), v in sorted(volume.items()) if a in sites and b in sites]
    with open(out, "w") as f:
        json.dump({"demands": demands}, f, indent=1)
    return len(volume) - len(demands)


def snr_01nm(response):
    for m in response["path-properties"]["path-metric"]:
        if m["metric-type"] == "SNR-0.1nm":
            return m["accumulative-value"]
    return None


def responses_by_lightpath(response_file):
    """Lightpath index → its response (GNPy aggregates identical requests: "3 | 2")."""
    with open(response_file) as f:
        doc = json.load(f)
    out = {}
    for r in doc.get("response", []):
        for rid in str(r["response-id"]).split("|"):
            out[int(rid.strip())] = r
    return out


def route_of(response):
    props = response.get("path-properties") or response.get("no-path", {}).get("path-properties")
    if not props:
        return []
    return [o["path-route-object"]["num-unnum-hop"]["node-id"]
            for o in props.get("path-route-objects", [])
            if "num-unnum-hop" in o["path-route-object"]]


def reversed_plan(plan_file, out):
    """The plan with every lightpath's route and fibres reversed, and its two means swapped, so
    the same export and comparison check the other way."""
    with open(plan_file) as f:
        plan = json.load(f)
    for lp in plan["lightpaths"]:
        lp["route"] = list(reversed(lp["route"]))
        lp["fibers"] = list(reversed(lp["fibers"]))
        if "gsnr_reverse_mean_db" in lp:
            lp["gsnr_mean_db"], lp["gsnr_reverse_mean_db"] = (lp["gsnr_reverse_mean_db"],
                                                              lp["gsnr_mean_db"])
    with open(out, "w") as f:
        json.dump(plan, f, indent=1)


def write_probes(services_file, eqpt_file, plan_file, out):
    """For each lightpath's request, one request per mode of a higher bit rate on its route."""
    with open(services_file) as f:
        services = json.load(f)
    with open(eqpt_file) as f:
        eqpt = json.load(f)
    with open(plan_file) as f:
        lightpaths = json.load(f)["lightpaths"]
    modes = [(t["type_variety"], m) for t in eqpt["Transceiver"] for m in t["mode"]]
    probes, about, asked = [], {}, set()
    for req in services["path-request"]:
        i = int(req["request-id"])
        rate = lightpaths[i]["bit_rate_gbps"] * 1e9
        hops = tuple(h["num-unnum-hop"]["node-id"]
                     for h in req["explicit-route-objects"]["route-object-include-exclude"])
        for trx, m in modes:
            # Once per route and mode: a demand's lightpaths often share both.
            if m["bit_rate"] <= rate or (hops, m["format"]) in asked:
                continue
            asked.add((hops, m["format"]))
            p = json.loads(json.dumps(req))
            p["request-id"] = f"p{len(probes)}"
            tb = p["path-constraints"]["te-bandwidth"]
            tb.update({"trx_type": trx, "trx_mode": m["format"], "spacing": m["min_spacing"],
                       "path_bandwidth": m["bit_rate"],
                       "effective-freq-slot": [{"N": None, "M": None}]})
            about[p["request-id"]] = (i, m["format"])
            probes.append(p)
    with open(out, "w") as f:
        json.dump({"path-request": probes}, f, indent=1)
    return about


def verdicts(response_file):
    """Probe id → (rejected for GSNR, SNR-0.1nm or None)."""
    with open(response_file) as f:
        doc = json.load(f)
    out = {}
    for r in doc.get("response", []):
        if "no-path" in r:
            reason = r["no-path"].get("no-path")
            props = r["no-path"].get("path-properties")
            snr = snr_01nm({"path-properties": props}) if props else None
            verdict = (reason in ("MODE_NOT_FEASIBLE", "NO_FEASIBLE_MODE"), snr)
        else:
            verdict = (False, snr_01nm(r))
        for rid in str(r["response-id"]).split("|"):
            out[rid.strip()] = verdict
    return out


def compare_probes(case, about, gnpy_file, lm_file):
    gnpy, lm = verdicts(gnpy_file), verdicts(lm_file)
    row = {"probes": len(about), "gnpy_rejects": 0, "lm_rejects": 0, "disagree": 0,
           "probe_max_abs": 0.0}
    problems = []
    for pid, (i, mode) in about.items():
        g, q = gnpy.get(pid), lm.get(pid)
        if g is None or q is None:
            row["disagree"] += 1
            problems.append(f"{case} probe {pid} (lightpath {i}, {mode}): no answer")
            continue
        row["gnpy_rejects"] += g[0]
        row["lm_rejects"] += q[0]
        if g[1] is not None and q[1] is not None:
            row["probe_max_abs"] = max(row["probe_max_abs"], abs(g[1] - q[1]))
        if g[0] != q[0]:
            row["disagree"] += 1
            problems.append(f"{case} probe {pid} (lightpath {i}, {mode}): GNPy "
                            f"{'rejects' if g[0] else 'accepts'} it at {g[1]} dB, lightmesh "
                            f"{'rejects' if q[0] else 'accepts'} it at {q[1]} dB")
    return row, problems


def compare(case, work, plan_file, gnpy_file, lm_file, tolerance):
    with open(plan_file) as f:
        plan = json.load(f)
    lightpaths = plan["lightpaths"]
    gnpy = responses_by_lightpath(gnpy_file)
    lm = responses_by_lightpath(lm_file) if lm_file else {}
    row = {"case": case, "lightpaths": len(lightpaths), "compared": 0, "route": 0,
           "infeasible": 0, "missing": 0, "max_abs": 0.0, "sum": 0.0, "beyond": 0,
           "lm_max_abs": 0.0, "worst": ""}
    problems = []
    for i, lp in enumerate(lightpaths):
        r = gnpy.get(i)
        if r is None:
            row["missing"] += 1
            problems.append(f"{case} lightpath {i} ({lp['demand']}): no GNPy response")
            continue
        row["compared"] += 1
        path = route_of(r)
        nodes = set(x for x in lp["route"])
        roadms = [u for u in path if u in nodes]
        spans_ok = all(any(u == fib or u.startswith(fib + " ") for u in path) for fib in lp["fibers"])
        if roadms != lp["route"] or not spans_ok:
            row["route"] += 1
            problems.append(f"{case} lightpath {i} ({lp['demand']}): GNPy's route {roadms} "
                            f"is not the plan's {lp['route']} on {lp['fibers']}")
        if "no-path" in r:
            row["infeasible"] += 1
            problems.append(f"{case} lightpath {i} ({lp['demand']}, {lp['mode']}, plan "
                            f"{lp.get('gsnr_db')} dB worst): GNPy says "
                            f"{r['no-path'].get('no-path')}")
            continue
        delta = snr_01nm(r) - lp["gsnr_mean_db"]
        row["sum"] += delta
        if abs(delta) > row["max_abs"]:
            row["max_abs"] = abs(delta)
            row["worst"] = f"{i} {lp['demand']} {lp['mode']} {lp['length_km']:.0f} km Δ{delta:+.3f}"
        if abs(delta) > tolerance + 1e-9:
            row["beyond"] += 1
            problems.append(f"{case} lightpath {i} ({lp['demand']}): GNPy SNR-0.1nm "
                            f"{snr_01nm(r):.2f} dB vs plan gsnr_mean_db {lp['gsnr_mean_db']:.2f} "
                            f"(Δ {delta:+.3f} dB)")
        q = lm.get(i)
        if q is not None and "no-path" not in q:
            row["lm_max_abs"] = max(row["lm_max_abs"], abs(snr_01nm(q) - snr_01nm(r)))
    return row, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lightmesh", default=os.path.join(ROOT, "build", "lightmesh"))
    ap.add_argument("--gnpy", default=os.path.join(ROOT, "..", "shared", "tools", "gnpy-v2.12"))
    ap.add_argument("--topologies", default=os.path.join(ROOT, "..", "shared", "data", "topologies"))
    ap.add_argument("--tolerance", type=float, default=0.05, help="GSNR goal, dB")
    ap.add_argument("--work", help="keep the files here (default: a temporary folder)")
    ap.add_argument("--only", action="append", help="run only this case (repeatable)")
    args = ap.parse_args()

    lightmesh = os.path.abspath(args.lightmesh)
    gnpy = os.path.join(os.path.abspath(args.gnpy), "bin", "gnpy")
    work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(prefix="lightmesh-oracle-")
    os.makedirs(work, exist_ok=True)
    log = os.path.join(work, "commands.log")

    cases = []
    examples = os.path.join(ROOT, "examples")
    for name in sorted(os.listdir(examples)):
        if os.path.exists(os.path.join(examples, name, "network.json")):
            cases.append(("example", name))
    cases += [("topohub", name) for name in TOPOHUB]
    if args.only:
        cases = [c for c in cases if c[1] in args.only]

    rows, problems = [], []
    for kind, name in cases:
        d = os.path.join(work, name)
        os.makedirs(d, exist_ok=True)
        f = lambda n: os.path.join(d, n)
        try:
            if kind == "example":
                network = os.path.join(examples, name, "network.json")
                demands = os.path.join(examples, name, "demands.json")
                if not os.path.exists(demands):
                    demands = f("demands.json")
                    all_pairs_demands(network, demands)
            else:
                topohub = os.path.join(args.topologies, name + ".json")
                network = f("network.json")
                run([lightmesh, "import", "--from", "topohub", topohub, "--route-factor",
                     ROUTE_FACTOR, "-o", network], log)
                demands = f("demands.json")
                skipped = topohub_demands(topohub, network, demands)
                if skipped:
                    problems.append(f"{name}: {skipped} demands name nodes the import renamed")
            run([lightmesh, "plan", network, "--demands", demands, "--format", "json",
                 "-o", f("plan.json")], log)
            t_export = run([lightmesh, "export", network, "--to", "gnpy", "-o", f("topology.json"),
                            "--equipment-out", f("eqpt_config.json"), "--plan", f("plan.json"),
                            "--services-out", f("services.json")], log)
            t_gnpy = run([gnpy, "path-request", f("topology.json"),
                          f("services.json"), "-e", f("eqpt_config.json"), "-o",
                          f("gnpy_response.json")], log)
            t_lm = run([lightmesh, "qot", f("topology.json"), "-e", f("eqpt_config.json"),
                        "--requests", f("services.json"), "-o", f("lightmesh_response.json")], log)
            row, p = compare(name, d, f("plan.json"), f("gnpy_response.json"),
                             f("lightmesh_response.json"), args.tolerance)
            row.update(t_export=t_export, t_gnpy=t_gnpy, t_lm=t_lm)
            problems += p
            # The other way: same comparison on the reversed plan.
            reversed_plan(f("plan.json"), f("plan_reverse.json"))
            run([lightmesh, "export", network, "--to", "gnpy", "-o", f("topology_r.json"),
                 "--equipment-out", f("eqpt_config_r.json"), "--plan", f("plan_reverse.json"),
                 "--services-out", f("services_reverse.json")], log)
            run([gnpy, "path-request", f("topology_r.json"), f("services_reverse.json"), "-e",
                 f("eqpt_config_r.json"), "-o", f("gnpy_response_reverse.json")], log)
            back, p = compare(name + " (reverse)", d, f("plan_reverse.json"),
                              f("gnpy_response_reverse.json"), None, args.tolerance)
            row.update(reverse_max_abs=back["max_abs"], reverse_bad=back["route"] +
                       back["infeasible"] + back["missing"] + back["beyond"])
            problems += p
            about = write_probes(f("services.json"), f("eqpt_config.json"), f("plan.json"),
                                 f("probes.json"))
            run([gnpy, "path-request", f("topology.json"), f("probes.json"), "-e",
                 f("eqpt_config.json"), "-o", f("gnpy_probes.json")], log)
            run([lightmesh, "qot", f("topology.json"), "-e", f("eqpt_config.json"),
                 "--requests", f("probes.json"), "-o", f("lightmesh_probes.json")], log)
            probe_row, p = compare_probes(name, about, f("gnpy_probes.json"),
                                          f("lightmesh_probes.json"))
            row.update(probe_row)
            rows.append(row)
            problems += p
        except Exception as e:  # one failing case must not hide the others
            rows.append({"case": name, "error": str(e).splitlines()[0]})
            problems.append(f"{name}: {e}")
        print(f"  {name}: done", file=sys.stderr, flush=True)

    print(f"\nGNPy v2.12 on lightmesh's exports (goal: |ΔGSNR| ≤ {args.tolerance} dB; files in {work})")
    head = ("network", "lightpaths", "compared", "route≠", "infeasible in GNPy", "max |Δ| dB",
            "mean Δ dB", "beyond", "lm engine vs GNPy", "higher modes probed",
            "rejected GNPy/lm", "verdicts≠", "probe max |Δ| dB", "reverse max |Δ| dB",
            "reverse findings", "export s", "GNPy s", "largest |Δ| at")
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    failed = False
    for r in rows:
        if "error" in r:
            print(f"{r['case']} | ERROR: {r['error']}")
            failed = True
            continue
        n = max(r["compared"] - r["infeasible"], 1)
        print(" | ".join(str(x) for x in (
            r["case"], r["lightpaths"], r["compared"], r["route"], r["infeasible"],
            f"{r['max_abs']:.2f}", f"{r['sum'] / n:+.3f}", r["beyond"], f"{r['lm_max_abs']:.2f}",
            r["probes"], f"{r['gnpy_rejects']}/{r['lm_rejects']}", r["disagree"],
            f"{r['probe_max_abs']:.2f}", f"{r['reverse_max_abs']:.2f}", r["reverse_bad"],
            f"{r['t_export']:.2f}", f"{r['t_gnpy']:.1f}", r["worst"] or "-")))
        failed |= bool(r["route"] or r["infeasible"] or r["missing"] or r["beyond"] or r["disagree"]
                       or r["reverse_bad"])
    print("Figures are compared as both tools print them, to 0.01 dB. Δ = GNPy − plan; "
          "\"lm engine\" is lightmesh qot on the same files against GNPy; probes are the higher "
          "modes plan passed over, asked of both.")
    if problems:
        print(f"\n{len(problems)} findings (first 40):")
        for p in problems[:40]:
            print("  " + p)
    print("\nFAIL" if failed else "\nPASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
