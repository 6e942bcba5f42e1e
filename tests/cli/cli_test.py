#!/usr/bin/env python3
"""Tests of the `coroscope` command, run by CTest against the built binary.

Usage: cli_test.py CASE COROSCOPE LESSONS_DIR [GOLDEN]
Each CASE checks one promise of the command line; exit 0 when it holds, else print why, exit 1.
"""
import json
import subprocess
import sys

coroscope, lessons_dir = sys.argv[2], sys.argv[3]


def run(*args):
    return subprocess.run([coroscope, *args], capture_output=True, text=True, timeout=60)


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


if __name__ == "__main__":
    try:
        globals()["test_" + sys.argv[1]]()
    except AssertionError as failure:
        print(f"FAIL: {failure}")
        sys.exit(1)
