#!/usr/bin/env python3
"""Run a program and compare its stdout, byte for byte, with what Python printed.

Usage:
  compare_output.py PROGRAM EXPECTED.out      compare with a recorded output (the oracle)
  compare_output.py PROGRAM --python TWIN.py  run the Python twin now and compare with it
Exit 0 when they match; otherwise print a unified diff (Python vs coroscope) and exit 1.
"""
import difflib
import subprocess
import sys


def run(command):
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=50)
    if done.stderr:
        sys.stderr.write(done.stderr.decode(errors="replace"))
    if done.returncode != 0:
        print(f"{' '.join(command)} exited with status {done.returncode}")
    return done.stdout, done.returncode


def main() -> int:
    program = sys.argv[1]
    if sys.argv[2] == "--python":
        expected_name = sys.argv[3]
        expected, status = run([sys.executable, expected_name])
        if status != 0:
            return 1
    else:
        expected_name = sys.argv[2]
        with open(expected_name, "rb") as f:
            expected = f.read()
    actual, status = run([program])
    if actual == expected and status == 0:
        return 0
    diff = difflib.unified_diff(
        expected.decode(errors="replace").splitlines(keepends=True),
        actual.decode(errors="replace").splitlines(keepends=True),
        fromfile=f"Python ({expected_name})",
        tofile=f"coroscope ({program})",
    )
    sys.stdout.writelines(diff)
    return 1


if __name__ == "__main__":
    sys.exit(main())
