"""Where coroscope's time goes on one workload: instruction counts from valgrind's callgrind.

Instruction counts are repeatable on a noisy machine, unlike timings. Run after bench/run.sh has
built the benchmarks:

    /usr/bin/python3 bench/callgrind_profile.py W2 [--n M] [--top 20] [--build-dir build-bench]

Runs the workload twice in one process under callgrind and counts only the second run (the first
one grows the ready queue, the pool and the timer heap to size). Prints the functions with the
most instructions per op: exclusive (the compiled function's own code, with whatever the compiler
inlined into it) and inclusive (with its callees). The raw profile stays in callgrind.W2.out
for callgrind_annotate or kcachegrind.
"""

import argparse
import json
import os
import re
import subprocess
from collections import defaultdict

from run import WORKLOADS

HERE = os.path.dirname(os.path.abspath(__file__))


def short_name(function):
    """'coroscope::TaskBase::step(std::...) [clone .isra.0]' -> 'TaskBase::step'."""
    function = re.sub(r" \[[^\]]*\]$", "", function)
    function = function.replace("coroscope::", "").replace("(anonymous namespace)::", "")
    out, depth = "", 0
    for i, c in enumerate(function):
        if c == "(" and depth == 0 and i > 0 and function[i - 1] not in " {":
            # The parameter list of the outermost function; a lambda inside it keeps a mark.
            return out + ("::{lambda}" if "::{lambda" in function[i:] else "")
        if c == "<":
            depth += 1
            if depth == 1:
                out += "<…>"
        elif c == ">":
            depth -= 1
        elif depth == 0:
            out += c
    return out


def annotate(profile, inclusive):
    """{function: instructions} from callgrind_annotate, summed over the files code came from."""
    text = subprocess.run(
        ["callgrind_annotate", "--auto=no", f"--inclusive={'yes' if inclusive else 'no'}", "--threshold=100", profile],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    total = int(re.search(r"^\s*([\d,]+) .*PROGRAM TOTALS", text, re.M).group(1).replace(",", ""))
    by_function = defaultdict(int)
    for line in text.split("\n"):
        m = re.match(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(\S.*)$", line)
        if not m or "PROGRAM TOTALS" in line:
            continue
        _, _, function = m.group(2).partition(":")
        count = int(m.group(1).replace(",", ""))
        name = short_name(function)
        # Inclusive counts of one function listed under several files overlap: keep the largest.
        by_function[name] = max(by_function[name], count) if inclusive else by_function[name] + count
    return total, by_function


def top_rows(profile, top):
    """The exclusive and inclusive rows, biggest first, without the frames above the workload."""
    total, inclusive = annotate(profile, True)
    _, exclusive = annotate(profile, False)
    # The frames on the stack when --zero-before reset the counters (main, the benchmark
    # function, run_until_complete, run_forever) cover the whole run: they say nothing in the
    # inclusive view, and in the exclusive view callgrind even charges the whole run to some.
    def keep(function, count, view):
        if function.startswith(("0x", "benchmark::")):
            return False
        return count < 0.9 * total if view is inclusive else exclusive[function] < 0.9 * total

    return total, [
        sorted(((c, f) for f, c in view.items() if keep(f, c, view)), reverse=True)[:top]
        for view in (exclusive, inclusive)
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workload", choices=[w.key for w in WORKLOADS if w.key != "W6"])
    parser.add_argument("--n", type=int, help="the workload's size (default: run.py's)")
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--build-dir", default=os.path.join(os.path.dirname(HERE), "build-bench"))
    args = parser.parse_args()
    workload = next(w for w in WORKLOADS if w.key == args.workload)
    n = args.n or workload.size
    profile = f"callgrind.{workload.key}.out"

    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={profile}",
            # Inside this workload's run_workload only (coroscope_bench.cpp keeps it out of line;
            # the benchmark function itself may reach it by a tail call, which callgrind's
            # toggle on that function would miss).
            f"--toggle-collect=*run_workload<*{workload.bench_name}(*",
            "--zero-before=*EventLoop::run_until_complete*",  # so only the last run counts
            os.path.join(args.build_dir, "bench", "coroscope_bench"),
            f"--n={n}",
            "--iterations=2",
            f"--benchmark_filter=^{workload.bench_name}/",
            "--benchmark_format=json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    (entry,) = json.loads(result.stdout)["benchmarks"]
    ops = entry["ops_per_iteration"]
    total, (exclusive, inclusive) = top_rows(profile, args.top)
    print(f"{workload.key} {workload.bench_name} n={n}: {total / ops:,.0f} instructions per op ({ops:,.0f} ops)")
    for title, rows in (("exclusive", exclusive), ("inclusive", inclusive)):
        print(f"\n{title} instructions per op:")
        for count, name in rows:
            print(f"{count / ops:9.1f}  {name}")


if __name__ == "__main__":
    main()
