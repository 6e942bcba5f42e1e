"""Every lesson README's prediction questions are right about the lesson: each step exists, steps
increase, a next-output answer quotes the line the lesson prints next from that step on, a
next-task answer names the task that step k runs, a choice answer is one of its choices.

    questions_test.py COROSCOPE LESSONS_DIR

The syntax is docs/predict-questions.md's; the app's own parser is tested with the app. This test
checks the answers against the lesson's run, read from `coroscope gui N --dump-model`.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

TAG = re.compile(r"^\*\*Q(\d+) [·-] step (\d+) [·-] (next-task|next-output|choice)\*\* \S")
CHOICE = re.compile(r"^(\d)\. \S")
ANSWER = re.compile(r"^(?:\*Answer:\*|\*\*Answer:\*\*) (.+)$")


def questions(readme):
    """The questions under '## Questions', as dicts; raises AssertionError on a stray line."""
    found, inside = [], False
    with open(readme, encoding="utf-8") as f:
        for number, line in enumerate(f.read().splitlines(), 1):
            if line.startswith("# ") or line.startswith("## "):
                inside = line.strip() == "## Questions"
                continue
            if not inside or not line.strip():
                continue
            if tag := TAG.match(line):
                found.append({"n": int(tag[1]), "step": int(tag[2]), "kind": tag[3], "choices": [], "answer": None})
            elif (choice := CHOICE.match(line)) and found and found[-1]["kind"] == "choice" and not found[-1]["answer"]:
                found[-1]["choices"].append(int(choice[1]))
            elif (answer := ANSWER.match(line)) and found and not found[-1]["answer"]:
                found[-1]["answer"] = answer[1]
            else:
                raise AssertionError(f"{readme}:{number}: not a question, a choice or an answer: {line!r}")
    return found


def model(coroscope, number, tmp):
    path = os.path.join(tmp, f"{number}.json")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([coroscope, "gui", number, "--steps", "100000", "--dump-model", path],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    with open(path) as f:
        return json.load(f)


def problems(lesson, asked, run):
    steps = run["loop_steps"]
    if not 2 <= len(asked) <= 3:
        yield f"{lesson}: {len(asked)} questions, not 2 or 3"
    previous = 0
    for order, q in enumerate(asked, 1):
        where = f"{lesson} Q{q['n']} (step {q['step']})"
        if q["n"] != order:
            yield f"{where}: numbered out of order"
        if not previous < q["step"] <= len(steps):
            yield f"{where}: the step does not follow the previous one or is past the run's {len(steps)} steps"
            continue
        previous = q["step"]
        answer = q["answer"]
        if answer is None:
            yield f"{where}: no answer"
        elif q["kind"] == "choice":
            right = re.match(r"^(\d)\.", answer)
            if not right or int(right[1]) not in q["choices"]:
                yield f"{where}: the answer is not one of the choices {q['choices']}"
        elif q["kind"] == "next-output":
            quoted = re.match(r"^`([^`]+)`", answer)
            printed = [line["text"] for line in run["output"] if line["step"] >= q["step"]]
            if not quoted or not printed or printed[0] != quoted[1]:
                yield f"{where}: the next line printed is {printed[:1]}, the answer quotes {quoted and quoted[1]!r}"
        else:
            ran = re.match(r"^(Task-\d+|\S+)", steps[q["step"] - 1]["label"])[1]
            if not re.search(rf"\b{re.escape(ran)}\b", answer):
                yield f"{where}: step {q['step']} runs {steps[q['step'] - 1]['label']!r}; the answer does not name {ran}"


def main():
    coroscope, lessons_dir = sys.argv[1], sys.argv[2]
    failures, count = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for lesson in sorted(os.listdir(lessons_dir)):
            readme = os.path.join(lessons_dir, lesson, "README.md")
            if not lesson[:2].isdigit() or not os.path.isfile(readme):
                continue
            asked = questions(readme)
            count += len(asked)
            failures += problems(lesson, asked, model(coroscope, lesson[:2], tmp))
    assert not failures, "\n".join(failures)
    print(f"{count} questions checked")


if __name__ == "__main__":
    main()
