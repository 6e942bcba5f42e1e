#!/usr/bin/env python3
"""Predict mode in the app, headless under Xvfb, on lessons whose READMEs ask questions.

Usage: predict_gui_test.py CASE COROSCOPE PREDICT_LESSONS_APP   (CTest runs it inside xvfb-run)

predict_lessons_app offers 81_two_workers (four questions: steps 2, 4, 5, 6) and
82_malformed_question (its Q2, README line 8, has no choices): tests/gui/predict_lessons.hpp.
The cases assert on the model dumps' view.predict (the card: question, choices, chosen, right)
and on the screenshots, with gui_test.py's helpers.
"""
import os

from gui_test import check_screenshot, count_color, load, rgb, run_case, script_run


def card(dump):
    return dump["view"]["predict"]["card"]


def task_id(dump, name):
    return next(t["id"] for t in dump["tasks"] if t["name"] == name)


def case_right(coroscope, app, tmp):
    p = lambda name: os.path.join(tmp, name)
    script_run(coroscope, tmp, [
        "key p",
        "step 5", f"dump-model {p('asking.json')}",
        "end", f"dump-model {p('still.json')}",
        "answer 1", f"screenshot {p('right.png')}", f"dump-model {p('revealed.json')}",
        "step 5", f"dump-model {p('q2.json')}",
        # Q2's reveal holds at step 4 until a step is asked for; then Q3 is asked there.
        "answer 1", f"dump-model {p('q2_revealed.json')}", "step", f"dump-model {p('q3_asking.json')}",
        "answer 2", f"dump-model {p('q3.json')}",
        "step", "answer 2", "end", f"dump-model {p('end.json')}",
    ], "81", app=app)
    asking = load(p("asking.json"))
    assert asking["view"]["predict"]["on"] and asking["view"]["predict"]["questions"] == 4
    assert asking["step"] == 1, f"stepping stops before Q1's step 2, not at {asking['step']}"
    q1 = card(asking)
    assert q1["state"] == "asking" and q1["number"] == 1 and q1["kind"] == "next-task", q1
    assert q1["choices"] == ["Task-2", "Task-3"] and q1["chosen"] is None and q1["right"] is None, q1
    assert asking["session"]["steps_recorded"] == 1, "the run ahead leaves no recorded steps"
    assert load(p("still.json"))["step"] == 1, "run to the end stops at a question too"
    revealed = load(p("revealed.json"))
    assert revealed["step"] == 2, "answering runs the step"
    q1 = card(revealed)
    assert q1["state"] == "revealed" and q1["chosen"] == 1 and q1["right"] is True, q1
    assert revealed["view"]["selected_task"] == task_id(revealed, "Task-2"), "the reveal selects the task that ran"
    check_screenshot(p("right.png"), 1280, 720, revealed)
    q2 = load(p("q2.json"))
    assert q2["step"] == 3 and card(q2)["choices"] == ["nothing: the loop waits for a timer"], card(q2)
    assert card(load(p("q2_revealed.json")))["number"] == 2, "a reveal shows before the next question"
    q3_asking = load(p("q3_asking.json"))
    assert q3_asking["step"] == 4 and card(q3_asking)["number"] == 3 and card(q3_asking)["state"] == "asking"
    q3 = load(p("q3.json"))
    assert q3["step"] == 5 and card(q3)["kind"] == "next-output" and card(q3)["state"] == "revealed", card(q3)
    assert card(q3)["chosen"] == 2 and card(q3)["right"] is True, card(q3)
    assert q3["output"][-1]["text"] == "b done" and q3["view"]["selected_task"] == task_id(q3, "Task-3")
    end = load(p("end.json"))
    assert end["session"]["run_over"] and end["view"]["predict"]["card"] is None


def case_wrong(coroscope, app, tmp):
    p = lambda name: os.path.join(tmp, name)
    script_run(coroscope, tmp, [
        "predict on", "step",
        "answer 2", f"screenshot {p('wrong.png')}", f"dump-model {p('wrong.json')}",
        "back", f"dump-model {p('back.json')}",
        "step 2", f"dump-model {p('on.json')}",
        "restart", "step 3", f"dump-model {p('restart.json')}",
        "theme dark", f"screenshot {p('dark.png')}",
    ], "81", app=app)
    wrong = load(p("wrong.json"))
    q1 = card(wrong)
    assert wrong["step"] == 2 and q1["state"] == "revealed", q1
    assert q1["chosen"] == 2 and q1["right_choice"] == 1 and q1["right"] is False, q1
    assert wrong["view"]["selected_task"] == task_id(wrong, "Task-2"), "the reveal selects the task that did run"
    rows = check_screenshot(p("wrong.png"), 1280, 720, wrong)
    raised = (0xD0, 0x31, 0x2D)  # the light theme's raised red marks the wrong choice
    assert count_color(rows, raised) > 200, "no red mark of the wrong answer"
    back = load(p("back.json"))
    assert back["step"] == 1 and card(back) is None, "an answered question is not asked again"
    assert load(p("on.json"))["step"] == 3, "stepping passes an answered question and stops at the next"
    restart = load(p("restart.json"))
    assert restart["step"] == 1 and card(restart)["state"] == "asking", "a restart forgets the answers"
    check_screenshot(p("dark.png"), 1280, 720, restart)


def case_malformed(coroscope, app, tmp):
    p = lambda name: os.path.join(tmp, name)
    script_run(coroscope, tmp, [
        "predict on", "step 3", f"screenshot {p('malformed.png')}", f"dump-model {p('malformed.json')}",
    ], "82", app=app)
    dump = load(p("malformed.json"))
    predict = dump["view"]["predict"]
    assert dump["step"] == 3, "a malformed README makes no predict stops"
    assert predict["card"] is None and predict["questions"] == 1, predict
    assert [e["line"] for e in predict["errors"]] == [8], predict["errors"]
    assert "README.md line 8: Q2 is a choice question with no choices" in predict["banner"], predict["banner"]
    assert dump["diagnosis"] == "", "the lesson itself went right"
    rows = check_screenshot(p("malformed.png"), 1280, 720, dump)
    banner = rgb(dump["view"]["colors"]["banner_error"])
    assert count_color(rows, banner) > 2000, "no banner for the malformed question"


def case_flag(coroscope, app, tmp):
    p = lambda name: os.path.join(tmp, name)
    script_run(coroscope, tmp, [f"dump-model {p('on.json')}", "predict off", f"dump-model {p('off.json')}"],
               "1", "--predict")
    assert load(p("on.json"))["view"]["predict"]["on"], "--predict turns predict mode on"
    assert not load(p("off.json"))["view"]["predict"]["on"]
    result = script_run(coroscope, tmp, ["predict on", "answer 1"], "81", app=app, expect=2)
    assert "script.txt:2:" in result.stderr and "no question is asked" in result.stderr, result.stderr
    result = script_run(coroscope, tmp, ["predict maybe"], "1", expect=2)
    assert "on or off" in result.stderr, result.stderr


if __name__ == "__main__":
    run_case(globals(), "gui.predict.app")
