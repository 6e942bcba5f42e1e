"""Workloads W1-W6 (bench/README.md) on CPython's asyncio or on uvloop.

Run with Debian's interpreter, which sees python3-uvloop:

    /usr/bin/python3 bench/peers/asyncio_bench.py --loop asyncio|uvloop --workload W1 --n 10000 \
        [--min-time 0.5] [--clock cpu|wall]

Prints one JSON object: {"system": ..., "workload": ..., "value": ns per op (bytes per task for W6),
"reps": timed repetitions}.
"""

import argparse
import asyncio
import json
import os
import time

K_YIELDERS = 100  # W2: K tasks, each yielding M times


def lcg_delays(n):
    """W5's delays: a 64-bit LCG (Knuth's MMIX constants) from seed 1, scaled to [0, 1 ms)."""
    x = 1
    delays = []
    for _ in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        delays.append((x >> 11) * 2.0**-53 * 1e-3)
    return delays


def resident_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


# --- W1 spawn -------------------------------------------------------------------------------
async def identity(x):
    return x


async def w1_spawn(n):
    tasks = [asyncio.create_task(identity(i)) for i in range(n)]
    results = await asyncio.gather(*tasks)
    assert results[-1] == n - 1


# --- W2 yield -------------------------------------------------------------------------------
async def yielder(m):
    for _ in range(m):
        await asyncio.sleep(0)


async def w2_yield(m):
    await asyncio.gather(*[asyncio.create_task(yielder(m)) for _ in range(K_YIELDERS)])


# --- W3 ping-pong ---------------------------------------------------------------------------
class Table:
    """The futures the two players wait on now; each player publishes a fresh one per round."""

    ping = None
    pong = None


async def ping(n, table):
    loop = asyncio.get_running_loop()
    for _ in range(n):
        table.ping = loop.create_future()
        table.pong.set_result(None)
        await table.ping


async def pong(n, table):
    loop = asyncio.get_running_loop()
    for _ in range(n):
        await table.pong
        table.pong = loop.create_future()
        table.ping.set_result(None)


async def w3_ping_pong(n):
    table = Table()
    table.pong = asyncio.get_running_loop().create_future()
    await asyncio.gather(asyncio.create_task(ping(n, table)), asyncio.create_task(pong(n, table)))


# --- W4 call_soon ---------------------------------------------------------------------------
async def w4_call_soon(n):
    loop = asyncio.get_running_loop()
    count = 0

    def callback():
        nonlocal count
        count += 1

    for _ in range(n):
        loop.call_soon(callback)
    await asyncio.sleep(0)  # our next step is queued behind the n callbacks
    assert count == n


# --- W5 timers ------------------------------------------------------------------------------
async def w5_timers(delays):
    loop = asyncio.get_running_loop()
    all_fired = loop.create_future()
    remaining = len(delays)

    def fired():
        nonlocal remaining
        remaining -= 1
        if remaining == 0:
            all_fired.set_result(None)

    for delay in delays:
        loop.call_later(delay, fired)
    await all_fired


# --- W6 memory ------------------------------------------------------------------------------
async def blocked(future):
    await future


async def w6_memory(n):
    loop = asyncio.get_running_loop()
    before = resident_bytes()
    futures = [loop.create_future() for _ in range(n)]
    tasks = [asyncio.create_task(blocked(f)) for f in futures]
    await asyncio.sleep(0)  # every task has taken its first step and waits on its future
    per_task = (resident_bytes() - before) / n
    for f in futures:
        f.set_result(None)
    await asyncio.gather(*tasks)
    return per_task


WORKLOADS = {
    "W1": (w1_spawn, lambda n: n),
    "W2": (w2_yield, lambda m: K_YIELDERS * m),
    "W3": (w3_ping_pong, lambda n: n),
    "W4": (w4_call_soon, lambda n: n),
    "W5": (w5_timers, lambda n: n),
}


def measure(runner, workload, n, min_time, clock):
    """One warm-up repetition, then repetitions until min_time has passed: ns per op."""
    body, ops = WORKLOADS[workload]
    arg = lcg_delays(n) if workload == "W5" else n
    # W5 always counts CPU time: while no timer is due the process sleeps.
    clock = time.perf_counter_ns if clock == "wall" and workload != "W5" else time.process_time_ns
    runner.run(body(arg))
    reps, elapsed = 0, 0
    while reps == 0 or elapsed < min_time * 1e9:
        start = clock()
        runner.run(body(arg))
        elapsed += clock() - start
        reps += 1
    return elapsed / (reps * ops(n)), reps


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], required=True)
    parser.add_argument("--workload", choices=["W1", "W2", "W3", "W4", "W5", "W6"], required=True)
    parser.add_argument("--n", type=int, required=True, help="the workload's size (M for W2)")
    parser.add_argument("--min-time", type=float, default=0.5, help="seconds of timed repetitions")
    parser.add_argument("--clock", choices=["cpu", "wall"], default="cpu", help="process CPU time or wall time")
    args = parser.parse_args()

    if args.loop == "uvloop":
        import uvloop

        loop_factory = uvloop.new_event_loop
    else:
        loop_factory = None
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        if args.workload == "W6":
            value, reps = runner.run(w6_memory(args.n)), 1
        else:
            value, reps = measure(runner, args.workload, args.n, args.min_time, args.clock)
    print(json.dumps({"system": args.loop, "workload": args.workload, "value": value, "reps": reps}))


if __name__ == "__main__":
    main()
