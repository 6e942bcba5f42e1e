"""The view model of lessons 01, 03, 05, 06 and 11 at chosen steps, as `coroscope gui LESSON --steps N
--dump-model` writes it, against golden JSON reviewed by hand (tests/gui/golden/).

    model_golden_test.py COROSCOPE GOLDEN_DIR [--update]

Source files are compared by name only, so the goldens do not depend on where the checkout is.
"""
import json
import os
import subprocess
import sys
import tempfile

# (lesson, step): each at a step a teacher would stop at.
CASES = [
    (1, 3),  # a coroutine awaited inline: main waits on sleep, in one task
    (3, 4),  # create_task: three tasks, two of them ready behind the running one
    (5, 6),  # timers in deadline order, one fired
    (6, 5),  # gather: the timer of sleep(0.1) fired, Task-3's wakeup queued for the next iteration
    (11, 5),  # cancellation: the sleep was cancelled, so the woken task gets CancelledError at its await
    (11, 7),  # cancellation: the cancelled task's timer struck out, its CancelledError at the await
]


def normalised(value):
    if isinstance(value, dict):
        return {k: os.path.basename(v) if k == "file" and isinstance(v, str) else normalised(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [normalised(v) for v in value]
    return value


def dump(coroscope, lesson, step):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "model.json")
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        done = subprocess.run([coroscope, "gui", str(lesson), "--steps", str(step), "--dump-model", out],
                              capture_output=True, text=True, timeout=60, env=env)
        assert done.returncode == 0, done.stderr
        with open(out) as f:
            return normalised(json.load(f))


def main():
    coroscope, golden_dir = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv
    failures = []
    for lesson, step in CASES:
        path = os.path.join(golden_dir, f"lesson_{lesson:02d}_step_{step}.json")
        model = dump(coroscope, lesson, step)
        if update:
            with open(path, "w") as f:
                json.dump(model, f, indent=1, ensure_ascii=False)
                f.write("\n")
            continue
        with open(path) as f:
            expected = json.load(f)
        if model != expected:
            failures.append(f"lesson {lesson} step {step}: the model differs from {path}")
    assert not failures, "\n".join(failures)
    print(f"{len(CASES)} passed, 0 failed")


if __name__ == "__main__":
    main()
