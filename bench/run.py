"""Runs workloads W1-W6 (bench/README.md) on coroscope and its peers, interleaved, and prints one table.

bench/run.sh builds the C++ programs and then calls this with Debian's /usr/bin/python3:

    run.py --build-dir DIR [--quick] [--rounds R] [--min-time S] [--wall] [--json FILE]

Every round runs each workload on each system in turn (W1: coroscope, asyncio, uvloop, asio; W2: ...),
one process per measurement, so machine noise hits all systems alike. A measurement is one number:
ns per op (the mean over repetitions lasting at least --min-time seconds, after a warm-up), or bytes
per pending task for W6. Time is the process's CPU time unless --wall (W5 always counts CPU time).
The table shows, per system, the median over the rounds and the min-max.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"  # Debian's interpreter: the one python3-uvloop installs for


class Workload:
    def __init__(self, key, bench_name, size, unit, target):
        self.key = key  # "W1"
        self.bench_name = bench_name  # coroscope's Google Benchmark name
        self.size = size  # N (M for W2), the same in every system
        self.unit = unit
        self.target = target  # the target, as (peer, factor) or ("bytes", limit)


WORKLOADS = [
    Workload("W1", "W1_spawn", 10_000, "ns/task", ("asio", 4)),
    Workload("W2", "W2_yield", 1_000, "ns/switch", ("asio", 5)),
    Workload("W3", "W3_ping_pong", 10_000, "ns/round trip", ("asio", 4)),
    Workload("W4", "W4_call_soon", 100_000, "ns/callback", ("asio", 4)),
    Workload("W5", "W5_timers", 100_000, "ns/timer", ("asio", 4)),
    Workload("W6", "W6_memory", 100_000, "bytes/task", ("bytes", 300)),
]
# coroscope_traced measures coroscope with tracing on: it runs the benchmarks named
# `<name>_traced` when coroscope_bench has them, and shows n/a otherwise. coroscope_untraced runs
# coroscope_bench_untraced, core built without its trace sites (W1-W5): the baseline that
# tracing off must match within noise.
SYSTEMS = ["coroscope", "coroscope_traced", "coroscope_untraced", "asyncio", "uvloop", "asio"]
PEERS = ["asyncio", "uvloop", "asio"]
TRACED_LIMIT = 1.5  # the target: tracing on costs at most 1.5x on W2


def run_json(command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return json.loads(result.stdout)


class Runner:
    def __init__(self, build_dir, min_time, clock):
        self.coroscope_bench = os.path.join(build_dir, "bench", "coroscope_bench")
        self.untraced_bench = os.path.join(build_dir, "bench", "coroscope_bench_untraced")
        self.asio_bench = os.path.join(build_dir, "bench", "asio_bench")
        self.min_time = min_time
        self.clock = clock
        listed = subprocess.run(
            [self.coroscope_bench, "--n=1", "--benchmark_list_tests=true"], capture_output=True, text=True, check=True
        ).stdout.split()
        self.coroscope_names = {name.split("/")[0] for name in listed}

    def available(self, system, workload):
        if system == "coroscope_traced":
            return workload.bench_name + "_traced" in self.coroscope_names
        if system == "coroscope_untraced":
            return workload.key != "W6"  # memory does not depend on the trace sites
        return True

    def measure(self, system, workload):
        w, n, t, clock = workload.key, str(workload.size), str(self.min_time), self.clock
        if system.startswith("coroscope"):
            name = workload.bench_name + ("_traced" if system == "coroscope_traced" else "")
            report = run_json(
                [
                    self.untraced_bench if system == "coroscope_untraced" else self.coroscope_bench,
                    f"--n={n}",
                    f"--clock={clock}",
                    f"--benchmark_filter=^{name}/",
                    f"--benchmark_min_time={t}",
                    "--benchmark_format=json",
                ]
            )
            (entry,) = report["benchmarks"]
            return entry["bytes_per_task"] if w == "W6" else entry["time_per_op"] * 1e9
        if system == "asio":
            command = [self.asio_bench, "--workload", w, "--n", n, "--min-time", t, "--clock", clock]
        else:
            peer = os.path.join(HERE, "peers", "asyncio_bench.py")
            command = [PYTHON, peer, "--loop", system, "--workload", w, "--n", n, "--min-time", t, "--clock", clock]
        return run_json(command)["value"]


def fmt(value):
    if value is None:
        return "n/a"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def target_cell(workload, medians):
    cs = medians["coroscope"]
    kind, goal = workload.target
    if cs is None:
        return "n/a"
    if kind == "bytes":
        return f"{cs:,.0f} B, need <= {goal}: {'met' if cs <= goal else 'MISSED'}"
    peer = medians[kind]
    if peer is None:
        return "n/a"
    factor = peer / cs
    return f"{kind}/cs {factor:.1f}x, need >= {goal}x: {'met' if factor >= goal else 'MISSED'}"


def traced_cell(workload, medians):
    off, untraced = medians["coroscope"], medians["coroscope_untraced"]
    branch = f"; off/untraced {off / untraced:.2f}x" if off is not None and untraced else ""
    if workload.key != "W2":
        return branch
    on = medians["coroscope_traced"]
    if off is None or on is None:
        return f"; traced/off n/a, need <= {TRACED_LIMIT}x" + branch
    ratio = on / off
    met = "met" if ratio <= TRACED_LIMIT else "MISSED"
    return f"; traced/off {ratio:.2f}x, need <= {TRACED_LIMIT}x: {met}" + branch


def table(samples):
    """The table as lines: median (min-max) per system, then coroscope/peer ratios and the target."""
    header = ["workload"] + SYSTEMS + [f"cs/{p}" for p in PEERS] + ["target"]
    rows = []
    for workload in WORKLOADS:
        medians = {}
        cells = [f"{workload.key} {workload.bench_name[3:]} ({workload.unit})"]
        for system in SYSTEMS:
            values = samples[workload.key][system]
            medians[system] = statistics.median(values) if values else None
            cells.append(
                f"{fmt(medians[system])} ({fmt(min(values))}-{fmt(max(values))})" if values else "n/a"
            )
        for peer in PEERS:
            cs, other = medians["coroscope"], medians[peer]
            cells.append(f"{cs / other:.2f}" if cs is not None and other else "n/a")
        cells.append(target_cell(workload, medians) + traced_cell(workload, medians))
        rows.append(cells)
    widths = [max(len(row[i]) for row in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [header] + rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


def medians_json(samples):
    return {
        w.key: {s: (statistics.median(samples[w.key][s]) if samples[w.key][s] else None) for s in SYSTEMS}
        for w in WORKLOADS
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", required=True, help="the CMake build with -DCOROSCOPE_BENCH=ON")
    parser.add_argument("--quick", action="store_true", help="a short smoke run: 3 rounds of 0.1 s samples")
    parser.add_argument("--rounds", type=int, help="rounds of interleaved runs (default 10, 3 with --quick)")
    parser.add_argument("--min-time", type=float, help="seconds per sample (default 0.5, 0.1 with --quick)")
    parser.add_argument("--wall", action="store_true", help="count wall time instead of process CPU time (not W5)")
    parser.add_argument("--json", metavar="FILE", help="also write the medians as JSON")
    args = parser.parse_args()
    rounds = args.rounds or (3 if args.quick else 10)
    min_time = args.min_time or (0.1 if args.quick else 0.5)

    clock = "wall" if args.wall else "cpu"
    runner = Runner(args.build_dir, min_time, clock)
    samples = {w.key: {s: [] for s in SYSTEMS} for w in WORKLOADS}
    for r in range(rounds):
        print(f"round {r + 1}/{rounds}", file=sys.stderr, flush=True)
        for workload in WORKLOADS:
            for system in SYSTEMS:
                if runner.available(system, workload):
                    samples[workload.key][system].append(runner.measure(system, workload))

    print(
        f"{clock} ns/op (W5: CPU ns/op; W6: bytes/task): median (min-max) over {rounds} rounds of {min_time} s "
        "samples; cs/peer < 1 means coroscope is faster or smaller"
    )
    print("\n".join(table(samples)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(medians_json(samples), f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
