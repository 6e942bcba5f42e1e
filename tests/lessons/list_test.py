"""`coroscope list` shows every lesson folder of lessons/, in course order, each with its README's title.

    list_test.py COROSCOPE LESSONS_DIR
"""
import os
import subprocess
import sys


def main():
    coroscope, lessons_dir = sys.argv[1], sys.argv[2]
    folders = sorted(name for name in os.listdir(lessons_dir)
                     if name[:2].isdigit() and os.path.isfile(os.path.join(lessons_dir, name, "lesson.cpp")))
    done = subprocess.run([coroscope, "list"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = [line.split(maxsplit=1) for line in done.stdout.splitlines()]
    listed = [row[0] for row in rows]
    assert listed == folders, f"listed {listed}, folders {folders}"
    numbers = [int(name[:2]) for name in listed]
    assert numbers == list(range(1, len(numbers) + 1)), f"the course has a gap or a repeat: {numbers}"
    for name, row in zip(listed, rows):
        with open(os.path.join(lessons_dir, name, "README.md"), encoding="utf-8") as f:
            heading = f.readline().strip()
        assert len(row) == 2 and heading.endswith(row[1]), f"{name}: summary {row[1:]} is not the title {heading!r}"
    print(f"{len(listed)} lessons listed in order")


if __name__ == "__main__":
    main()
