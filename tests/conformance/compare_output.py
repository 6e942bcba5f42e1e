#!/usr/bin/env python3
"""Run a program and compare its stdout, byte for byte, with an expected-output file.

Usage: compare_output.py PROGRAM EXPECTED [ARGS...]
Exit 0 when they match; otherwise print a unified diff (expected vs actual) and exit 1.
"""
import difflib
import subprocess
import sys


def main() -> int:
    program, expected_path, *args = sys.argv[1:]
    with open(expected_path, "rb") as f:
        expected = f.read()
    run = subprocess.run([program, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=50)
    if run.stderr:
        sys.stderr.write(run.stderr.decode(errors="replace"))
    if run.returncode != 0:
        print(f"{program} exited with status {run.returncode}")
    if run.stdout == expected and run.returncode == 0:
        return 0
    diff = difflib.unified_diff(
        expected.decode(errors="replace").splitlines(keepends=True),
        run.stdout.decode(errors="replace").splitlines(keepends=True),
        fromfile=f"CPython ({expected_path})",
        tofile=f"coroscope ({program})",
    )
    sys.stdout.writelines(diff)
    return 1


if __name__ == "__main__":
    sys.exit(main())
