#!/usr/bin/env python3
"""Tests of the `coroscope` command, run by CTest against the built binary.

Usage: cli_test.py CASE COROSCOPE LESSONS_DIR [GOLDEN]
Each CASE checks one promise of the command line; exit 0 when it holds, else print why, exit 1.
"""
import json
import os
import signal
import subprocess
import sys
import time

coroscope, lessons_dir = sys.argv[2], sys.argv[3]


def run(*args, env=None, **kwargs):
    kwargs.setdefault("capture_output", True)
    environment = dict(os.environ, **(env or {}))
    return subprocess.run([coroscope, *args], text=True, timeout=60, env=environment, **kwargs)


def python_output(lesson):
    done = subprocess.run([sys.executable, f"{lessons_dir}/{lesson}/lesson.py"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def expect(condition, message, done=None):
    if not condition:
        if done is not None:
            message += f"\n-- status {done.returncode}\n-- stdout:\n{done.stdout}\n-- stderr:\n{done.stderr}"
        raise AssertionError(message)


def lesson_names():
    done = run("list")
    expect(done.returncode == 0, "coroscope list failed", done)
    return [line.split()[0] for line in done.stdout.splitlines()]


def test_help():
    done = run("--help")
    expect(done.returncode == 0 and "Usage:" in done.stdout and "run" in done.stdout, "--help: usage on stdout", done)


def test_bad_flag():
    # (`coroscope` alone is no error: it opens the visualizer, gui_test.py's no_display.)
    for args in (["run", "1", "--bogus"], ["run", "1", "--trace", "yaml"], ["run"], ["fly"],
                 ["run", "1", "--out", "x.json"]):
        done = run(*args)
        expect(done.returncode == 2, f"{args}: exit status 2", done)
        expect("Usage:" in done.stderr and done.stdout == "", f"{args}: usage on stderr, nothing on stdout", done)


def test_list():
    names = lesson_names()
    expect(names and all(name[:2].isdigit() for name in names), f"lessons listed: {names}")
    expect("01_coroutines_and_run" in names, "lesson 01 listed")


def test_unknown_lesson():
    for lesson in ("99", "no_such_lesson"):
        done = run("run", lesson)
        expect(done.returncode == 2, f"{lesson}: exit status 2", done)
        expect("01_coroutines_and_run" in done.stderr and done.stdout == "", f"{lesson}: lessons on stderr", done)


def test_run_matches_python():
    for name in lesson_names():
        expected = python_output(name)
        for lesson in (name, str(int(name[:2]))):
            done = run("run", lesson)
            expect(done.returncode == 0 and done.stdout == expected,
                   f"coroscope run {lesson} prints what python3 lesson.py prints:\n{expected}", done)
    # The order never depends on the clock.
    done = run("run", "1", "--clock", "real")
    expect(done.stdout == python_output("01_coroutines_and_run"), "--clock real prints the same", done)


def test_trace_jsonl():
    done = run("run", "1", "--trace", "jsonl")
    expect(done.returncode == 0, "--trace jsonl runs", done)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    expect(lines[0]["format"] == "coroscope-trace" and lines[0]["version"] == 2, f"header: {lines[0]}")
    kinds = {line["kind"] for line in lines[1:]}
    expect({"task_created", "handle_run", "suspend", "future_done", "output"} <= kinds, f"kinds: {kinds}")
    printed = [line["text"] for line in lines[1:] if line["kind"] == "output"]
    expect(printed == python_output("01_coroutines_and_run").splitlines(), "output events carry the printed lines")


def test_lessons_default_to_virtual_clock():
    # CTest sets COROSCOPE_CLOCK for the other cases: a user's shell has none.
    environment = {k: v for k, v in os.environ.items() if k != "COROSCOPE_CLOCK"}
    done = subprocess.run([coroscope, "run", "1", "--trace", "jsonl"], capture_output=True, text=True, timeout=60,
                          env=environment)
    expect(done.returncode == 0, "run 1 --trace jsonl runs", done)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    expect(lines[0]["clock"] == "virtual", f"a lesson runs on the virtual clock by default: {lines[0]}")
    expect(lines[1]["t"] == 0, f"the virtual clock starts at 0: {lines[1]}")


def test_trace_chrome():
    done = run("run", "1", "--trace", "chrome")
    expect(done.returncode == 0, "--trace chrome runs", done)
    events = json.loads(done.stdout)["traceEvents"]
    phases = {event["ph"] for event in events}
    expect({"X", "M", "s", "f", "C"} <= phases, f"phases: {phases}")


def test_trace_to_file(tmp="cli_trace_to_file.json"):
    done = run("run", "1", "--trace", "chrome", "--out", tmp)
    expect(done.returncode == 0 and done.stdout == python_output("01_coroutines_and_run"),
           "with --out, stdout is the lesson's output", done)
    with open(tmp) as f:
        json.load(f)


def test_timeline_golden():
    golden = sys.argv[4]
    done = run("run", "1", "--trace", "text", "--no-color")
    with open(golden, encoding="utf-8") as f:
        expected = f.read()
    expect(done.returncode == 0, "--trace text runs", done)
    if done.stdout != expected:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), done.stdout.splitlines(True),
                                                   "golden", "coroscope run 1 --trace text --no-color"))
        raise AssertionError(f"the timeline differs from {golden} (if the change is intended: "
                             f"coroscope run 1 --trace text --no-color > {golden})")


def test_bad_command_names_the_word():
    for args, word in ((["frobnicate"], "unknown command 'frobnicate'"), (["--bogus"], "unknown option '--bogus'"),
                       (["run", "1", "--out", "", "--trace", "jsonl"], "--out: the file name is empty")):
        done = run(*args)
        expect(done.returncode == 2 and word in done.stderr and "Usage:" in done.stderr, f"{args}: names {word}", done)
    done = run("run", "1", env={"COROSCOPE_CLOCK": "bogus"})
    expect(done.returncode == 2 and "COROSCOPE_CLOCK must be 'virtual' or 'real', not 'bogus'" in done.stderr,
           "a bogus COROSCOPE_CLOCK is refused", done)


def test_write_errors():
    done = run("run", "1", "--trace", "jsonl", "--out", "/dev/full")
    expect(done.returncode == 1 and "cannot write the trace to '/dev/full': No space left on device" in done.stderr,
           "--out /dev/full fails with the reason", done)
    done = run("run", "1", "--trace", "jsonl", "--out", "no_such_dir/trace.jsonl")
    expect(done.returncode == 2 and "cannot write the trace to 'no_such_dir/trace.jsonl': No such file or directory"
           in done.stderr, "an --out that cannot be opened says why", done)
    for args in (["list"], ["run", "1"], ["run", "1", "--trace", "text"]):
        with open("/dev/full", "w") as full:
            done = run(*args, stdout=full, stderr=subprocess.PIPE, capture_output=False)
        expect(done.returncode == 1 and "cannot write to standard output: No space left on device" in done.stderr,
               f"{args} > /dev/full fails with the reason", done)
    done = run("run", "1", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, capture_output=False,
               preexec_fn=lambda: os.close(1))
    expect(done.returncode == 1 and "cannot write to standard output: Bad file descriptor" in done.stderr,
           "a closed stdout is an error", done)


def start_traced_run(out):
    return subprocess.Popen([coroscope, "run", "1", "--clock", "real", "--trace", "jsonl", "--out", out],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_out_replaced_when_complete(out="cli_out_replaced.jsonl"):
    with open(out, "w") as f:
        f.write("the previous trace\n")
    process = start_traced_run(out)  # lesson 01 sleeps 1.5 s on the real clock
    time.sleep(0.5)
    with open(out) as f:
        during = f.read()
    process.communicate(timeout=60)
    expect(during == "the previous trace\n", f"the previous file is intact while the run goes on: {during!r}")
    expect(process.returncode == 0, "the run succeeds")
    with open(out) as f:
        expect(json.loads(f.readline())["format"] == "coroscope-trace", "the trace replaced it at the end")
    expect(not [name for name in os.listdir(".") if name.startswith(f".{out}.")], "no temporary file is left")


def test_interrupt_writes_the_trace(out="cli_interrupted.jsonl"):
    for stop in (signal.SIGINT, signal.SIGTERM):
        process = start_traced_run(out)
        time.sleep(0.5)  # in its first sleep
        process.send_signal(stop)
        _, stderr = process.communicate(timeout=60)
        expect(process.returncode == 130 and "KeyboardInterrupt" in stderr, f"{stop.name}: exit 130, {stderr}")
        with open(out) as f:
            lines = [json.loads(line) for line in f]
        diagnostics = [line["diagnostic"] for line in lines if line.get("kind") == "diagnostic"]
        expect(diagnostics == ["interrupted"], f"{stop.name}: the trace says it was interrupted: {diagnostics}")
        expect(lines[-1]["kind"] == "loop_stopped", f"{stop.name}: and goes on to the end of the shutdown")


if __name__ == "__main__":
    try:
        globals()["test_" + sys.argv[1]]()
    except AssertionError as failure:
        print(f"FAIL: {failure}")
        sys.exit(1)
