#!/usr/bin/env python3
"""The visualizer run as a user (or the documentation build) runs it headless, under Xvfb.

Usage: gui_test.py CASE COROSCOPE BAD_LESSONS_APP   (CTest runs it inside xvfb-run)

Each case drives `coroscope gui` with flags or a script, then asserts on the model dumps
(JSON) and on the screenshots, read back with the small PNG decoder below (Python's zlib).
"""
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib


def read_png(path):
    """(width, height, rows): rows of (r, g, b) tuples; 8-bit RGB or RGBA, not interlaced."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color_type in (2, 6) and interlace == 0, "unsupported PNG"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = 3 if color_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):  # undo the row's filter (PNG spec, 9.2)
            left = line[i - channels] if i >= channels else 0
            up, up_left = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return width, height, rows


def rgb(hex_color):
    return tuple(int(hex_color[i:i + 2], 16) for i in (1, 3, 5))


def count_color(rows, color, top=0, bottom=None):
    return sum(row.count(color) for row in rows[top:bottom])


def check_screenshot(path, width, height, dump):
    w, h, rows = read_png(path)
    assert (w, h) == (width, height), f"{path}: {w}x{h}, expected {width}x{height}"
    colors = {pixel for row in rows[::7] for pixel in row[::7]}
    assert len(colors) > 50, f"{path} looks blank: {len(colors)} colours"
    running = rgb(dump["view"]["colors"]["running"])
    below_top_bar = h // 12  # the legend's swatch is in the top bar
    seen = count_color(rows, running, below_top_bar)
    if dump["running_task"]:
        assert seen > 100, f"{path}: the running colour {running} is nowhere under the top bar ({seen} px)"
    return rows


def run(command, expect=0, env=None, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=100, **kwargs)
    if result.returncode != expect:
        sys.exit(f"{command}: exit {result.returncode}, expected {expect}\nstdout:\n{result.stdout}\n"
                 f"stderr:\n{result.stderr}")
    return result


def script_run(coroscope, tmp, lines, *flags, expect=0, app=None):
    script = os.path.join(tmp, "script.txt")
    with open(script, "w") as f:
        f.write("\n".join(lines) + "\n")
    command = [app, flags[0], script] if app else [coroscope, "gui", *flags, "--script", script]
    return run(command, expect=expect)


def load(path):
    with open(path) as f:
        return json.load(f)


def same_model(a, b):
    """Dumps of the same step, apart from how far the run has gone and how the app shows it."""
    strip = lambda dump: {k: v for k, v in dump.items() if k not in ("session", "view")}
    return strip(a) == strip(b)


def case_script(coroscope, bad_app, tmp):
    p = lambda name: os.path.join(tmp, name)
    script_run(coroscope, tmp, [
        "# forward to step 2, and to step 2 again by going past it and back",
        "step 2", f"dump-model {p('forward.json')}",
        "step 3", "back 3", f"dump-model {p('back.json')}",
        "restart", f"dump-model {p('restart.json')}",
        "step 5", "select Task-1", f"screenshot {p('step5.png')}", f"dump-model {p('step5.json')}",
        "lesson 3", "step 2", f"dump-model {p('lesson3.json')}",
        "end", f"dump-model {p('end.json')}",
    ], "6")
    forward, back = load(p("forward.json")), load(p("back.json"))
    assert forward["step"] == 2 and same_model(forward, back), "step 2 differs reached forward and back"
    restart = load(p("restart.json"))
    assert restart["step"] == 0 and restart["session"]["steps_recorded"] == 0
    assert [t["name"] for t in restart["tasks"]] == ["Task-1"], restart["tasks"]
    step5 = load(p("step5.json"))
    assert step5["lesson"] == "06_gather" and step5["step"] == 5
    assert step5["view"]["selected_task"] == step5["tasks"][0]["id"]
    check_screenshot(p("step5.png"), 1280, 720, step5)
    lesson3 = load(p("lesson3.json"))
    assert lesson3["lesson"].startswith("03_") and lesson3["step"] == 2
    assert lesson3["tasks"][0]["name"] == "Task-1", "a new lesson starts its ids from 1"
    end = load(p("end.json"))
    assert end["session"]["run_over"] and end["step"] == end["session"]["steps_recorded"], end["step"]
    assert "The run is over" in end["step_sentence"]
    assert end["diagnosis"] == ""


def case_keys(coroscope, bad_app, tmp):
    p = lambda name: os.path.join(tmp, name)
    script_run(coroscope, tmp, [
        "key right", "key right", "key left", f"dump-model {p('one.json')}",
        "key shift+right", f"dump-model {p('iteration.json')}",
        "key r", f"dump-model {p('restart.json')}",
        "play 60", f"dump-model {p('played.json')}",
        "key end", f"dump-model {p('end.json')}",
        "key t", f"dump-model {p('dark.json')}",
    ], "5")
    one = load(p("one.json"))
    assert one["step"] == 1
    iteration = load(p("iteration.json"))
    assert iteration["iteration"] == one["iteration"] + 1
    assert load(p("restart.json"))["step"] == 0
    played = load(p("played.json"))
    assert played["step"] >= 1, "play at 2 steps/s for one second takes steps"
    assert load(p("end.json"))["session"]["run_over"]
    assert load(p("dark.json"))["view"]["theme"] == "dark"


def screenshot(coroscope, tmp, theme, size=None):
    png, dump = os.path.join(tmp, f"{theme}.png"), os.path.join(tmp, f"{theme}.json")
    flags = ["--size", size] if size else []
    run([coroscope, "gui", "6", "--steps", "8", "--theme", theme, *flags, "--screenshot", png, "--dump-model", dump])
    return png, load(dump)


def mean_brightness(rows):
    pixels = [pixel for row in rows[::9] for pixel in row[::9]]
    return sum(sum(pixel) for pixel in pixels) / (3 * len(pixels))


def case_screenshot_light(coroscope, bad_app, tmp):
    png, dump = screenshot(coroscope, tmp, "light")
    assert dump["step"] == 8 and dump["view"]["theme"] == "light"
    assert mean_brightness(check_screenshot(png, 1280, 720, dump)) > 150


def case_screenshot_dark(coroscope, bad_app, tmp):
    png, dump = screenshot(coroscope, tmp, "dark")
    assert dump["view"]["theme"] == "dark"
    assert mean_brightness(check_screenshot(png, 1280, 720, dump)) < 100


def case_large_window(coroscope, bad_app, tmp):
    png, dump = screenshot(coroscope, tmp, "light", "1920x1080")
    check_screenshot(png, 1920, 1080, dump)


def case_bad_lessons(coroscope, bad_app, tmp):
    expected = {"91": ["Traceback", "ValueError: the lesson failed"],
                "92": ["deadlock", "Task-2", "waits_forever"],
                "93": ["coroutine 'helper' was never awaited"]}
    for number, words in expected.items():
        p = lambda name: os.path.join(tmp, f"{number}_{name}")
        # The app keeps going after the failure: it restarts and switches lessons.
        script_run(coroscope, tmp, [
            "end", f"screenshot {p('end.png')}", f"dump-model {p('end.json')}",
            "restart", f"dump-model {p('restart.json')}",
            "lesson 91", "step 2", "end", f"dump-model {p('other.json')}",
        ], number, app=bad_app)
        end = load(p("end.json"))
        assert end["session"]["run_over"], number
        for word in words:
            assert word in end["diagnosis"], f"lesson {number}: {word!r} not in {end['diagnosis']!r}"
        rows = check_screenshot(p("end.png"), 1280, 720, end)
        banner = rgb(end["view"]["colors"]["banner_error"])
        assert count_color(rows, banner) > 2000, f"lesson {number}: no diagnosis banner"
        assert load(p("restart.json"))["diagnosis"] == ""
        assert "ValueError" in load(p("other.json"))["diagnosis"]


def case_bad_script(coroscope, bad_app, tmp):
    result = script_run(coroscope, tmp, ["step 2", "# fine so far", "jump 3"], "1", expect=2)
    assert "script.txt:3:" in result.stderr and "jump" in result.stderr, result.stderr
    result = script_run(coroscope, tmp, ["step", "lesson 99"], "1", expect=2)
    assert "script.txt:2:" in result.stderr and "99" in result.stderr, result.stderr
    result = script_run(coroscope, tmp, ["step two"], "1", expect=2)
    assert "script.txt:1:" in result.stderr, result.stderr


def case_bad_flags(coroscope, bad_app, tmp):
    for flags in (["--steps", "many"], ["--theme", "blue"], ["--size", "12"], ["--no-such-flag"]):
        result = run([coroscope, "gui", "1", *flags], expect=2)
        assert "Usage" in result.stderr or "usage" in result.stderr, result.stderr
    result = run([coroscope, "gui", "99"], expect=2)
    assert "01_coroutines_and_run" in result.stderr, "an unknown lesson lists the lessons"


def case_no_display(coroscope, bad_app, tmp):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    expected = run([coroscope, "run", "1", "--trace", "text", "--no-color"], env=env).stdout
    for command in ([coroscope, "gui", "1"], [coroscope], [coroscope, "gui", "1", "--text"]):
        result = run(command, env={**env, "NO_COLOR": "1"})
        assert result.stdout == expected, f"{command} does not print the text timeline"
        why = result.stderr.splitlines()[0]
        assert "text timeline" in why and ("display" in why or "--text" in why), why
    run([coroscope, "gui", "1", "--screenshot", os.path.join(tmp, "x.png")], expect=1, env=env)


def case_dump_model_only(coroscope, bad_app, tmp):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    path = os.path.join(tmp, "model.json")
    run([coroscope, "gui", "6", "--steps", "3", "--dump-model", path], env=env)
    dump = load(path)
    assert dump["step"] == 3 and dump["lesson"] == "06_gather" and "view" not in dump
    for key in ("tasks", "futures", "ready", "timers", "output", "diagnostics", "arrows", "step_sentence",
                "diagnosis"):
        assert key in dump, key
    assert dump["ready"]["snapshot_left"] >= 0 and dump["tasks"][0]["segments"]


# --- The panels at 1280x720 and 1920x1080 (the dump's "view.layout" and "view.hidden_rows") ---

def lesson_number(coroscope, topic):
    """The number of the lesson on `topic` ("gather" for 04_gather), so that a test keeps its
    lesson when the lessons are renumbered."""
    for line in run([coroscope, "list"]).stdout.splitlines():
        name = line.split()[0]
        if name.split("_", 1)[1] == topic:
            return str(int(name.split("_")[0]))
    sys.exit(f"no lesson on {topic!r} in `coroscope list`")


def dumps_at_steps(coroscope, tmp, lesson, steps, *flags):
    """The dumps (and the screenshots, "NAME.png") at each of `steps`, in one run of the app."""
    p = lambda name: os.path.join(tmp, name)
    lines, at = [], 0
    for step in steps:
        if step > at:
            lines.append(f"step {step - at}")
        at = max(at, step)
        lines += [f"screenshot {p(f'{lesson}_{step}.png')}", f"dump-model {p(f'{lesson}_{step}.json')}"]
    script_run(coroscope, tmp, lines, lesson, *flags)
    return [load(p(f"{lesson}_{step}.json")) for step in steps]


def rect(dump, name):
    x, y, w, h = dump["view"]["layout"][name]
    return x, y, x + w, y + h


def inside(inner, outer, slack=0.5):
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack and
            inner[3] <= outer[3] + slack)


def overlap(a, b):
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def check_panels_apart(dump, width, height):
    panels = {k: rect(dump, k) for k in dump["view"]["layout"] if k.startswith("panel.")}
    assert len(panels) == 9, sorted(panels)
    for name, r in panels.items():
        assert inside(r, (0, 0, width, height)), f"{name} {r} leaves the {width}x{height} window"
    names = sorted(panels)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not overlap(panels[a], panels[b]), f"{a} {panels[a]} overlaps {b} {panels[b]}"


def case_tasks_fit(coroscope, bad_app, tmp):
    """Every task card of the gather and cancellation lessons shows at 1280x720, at every step."""
    for topic in ("gather", "cancellation"):
        number = lesson_number(coroscope, topic)
        end = load_end(coroscope, tmp, number)
        for dump in dumps_at_steps(coroscope, tmp, number, range(1, end + 1), "--size", "1280x720"):
            hidden = dump["view"]["hidden_rows"]["tasks"]
            assert hidden == 0, f"{topic} step {dump['step']}: {hidden} of {len(dump['tasks'])} task cards cut"


def load_end(coroscope, tmp, number):
    path = os.path.join(tmp, f"end_{number}.json")
    script_run(coroscope, tmp, ["end", f"dump-model {path}"], number)
    return load(path)["step"]


def case_top_bar(coroscope, bad_app, tmp):
    """The lesson picker is as wide as its longest title; the bar's groups do not overlap and
    leave room for one more small toggle, at both sizes."""
    for size, width in (("1280x720", 1280), ("1920x1080", 1920)):
        png, dump = screenshot(coroscope, tmp, "light", size)
        picker, longest = rect(dump, "top.picker"), rect(dump, "top.picker.longest_title")
        assert picker[2] - picker[0] >= longest[2] - longest[0] + 20, f"{size}: the picker cuts {longest}"
        groups = [rect(dump, k) for k in ("top.picker", "top.transport", "top.speed", "top.readouts")]
        for a, b in zip(groups, groups[1:]):
            assert a[2] <= b[0], f"{size}: {a} runs into {b}"
        room = width - groups[-1][2]
        assert room >= 60 * dump["view"]["font_scale"], f"{size}: {room} px left in the top bar"


def case_legend(coroscope, bad_app, tmp):
    """The legend shows a swatch of every state (and of callbacks and of the changed mark) at
    1280x720, in the timeline's title bar."""
    png, dump = screenshot(coroscope, tmp, "light")
    legend, timeline = rect(dump, "legend"), rect(dump, "panel.timeline")
    assert inside(legend, timeline), f"the legend {legend} is not in the timeline's title bar {timeline}"
    assert legend[3] - timeline[1] < 40, legend
    _, _, rows = read_png(png)
    x0, y0, x1, y1 = (int(v) for v in legend)
    band = [row[x0:x1] for row in rows[y0:y1]]
    for state in ("running", "ready", "suspended", "done", "cancelled", "raised", "callback", "changed"):
        color = rgb(dump["view"]["colors"][state])
        seen = sum(row.count(color) for row in band)
        assert seen >= 20, f"no {state} swatch {color} in the legend ({seen} px)"


def case_output_wraps(coroscope, bad_app, tmp):
    """A printed line longer than the output panel wraps under its text, tags kept, nothing cut."""
    number = lesson_number(coroscope, "cancellation")
    (dump,) = dumps_at_steps(coroscope, tmp, number, [load_end(coroscope, tmp, number)])
    layout, output = dump["view"]["layout"], dump["output"]
    width = rect(dump, "panel.output")[2] - rect(dump, "panel.output")[0]
    heights = {int(k.rsplit(".", 1)[1]): v[3] for k, v in layout.items() if k.startswith("output.row.")}
    assert heights, "no output row drawn"
    short = min(heights.values())
    # DejaVu Sans Mono at 15 px: 9 px a character; the tags take about 90 px.
    long_rows = [i for i in heights if len(output[i]["text"]) * 9 > width - 90]
    assert long_rows, f"no printed line is longer than the panel ({width} px)"
    for i in long_rows:
        assert heights[i] > short * 1.5, f"line {output[i]['text']!r} is one row ({heights[i]} px): cut, not wrapped"


def case_step_sentence(coroscope, bad_app, tmp):
    """The step sentence shows whole at the top of the explanation at every step, unscrolled."""
    number = lesson_number(coroscope, "cancellation")
    end = load_end(coroscope, tmp, number)
    for dump in dumps_at_steps(coroscope, tmp, number, range(0, end + 1), "--size", "1280x720"):
        sentence, panel = rect(dump, "explanation.sentence"), rect(dump, "panel.explanation")
        assert inside(sentence, panel), f"step {dump['step']}: the sentence {sentence} leaves the panel {panel}"
        assert sentence[1] - panel[1] < 40, f"step {dump['step']}: the sentence is scrolled ({sentence})"


def case_sizes(coroscope, bad_app, tmp):
    """1280x720 and 1920x1080 both fit without overlap; the larger shows more, its fonts only
    moderately larger (not x1.5)."""
    _, small = screenshot(coroscope, tmp, "light", "1280x720")
    _, large = screenshot(coroscope, tmp, "dark", "1920x1080")
    check_panels_apart(small, 1280, 720)
    check_panels_apart(large, 1920, 1080)
    scale = large["view"]["font_scale"]
    assert small["view"]["font_scale"] == 1 and 1 < scale <= 1.3, scale
    for panel in ("panel.timeline", "panel.source", "panel.tasks"):
        a, b = rect(small, panel), rect(large, panel)
        # More room than the fonts grew by: more rows, taller lanes, wider lines.
        assert (b[3] - b[1]) / scale > (a[3] - a[1]) * 1.1, f"{panel}: {a} -> {b}"


def case_compact_rows(coroscope, bad_app, tmp):
    """One line per timer and per future: at 1280x720 the gather lesson shows them all when the
    first timer has fired (three timers, four futures, four tasks), and every pending timer at
    every step."""
    number = lesson_number(coroscope, "gather")
    steps = range(1, load_end(coroscope, tmp, number) + 1)
    for dump in dumps_at_steps(coroscope, tmp, number, steps, "--size", "1280x720"):
        hidden = dump["view"]["hidden_rows"]
        fired = sum(1 for t in dump["timers"] if t["state"] not in ("pending", "due"))
        if dump["step"] == 5:
            assert hidden["timers"] == 0 and hidden["futures"] == 0, f"step 5: {hidden}"
        assert hidden["timers"] <= fired, f"step {dump['step']}: a pending timer is cut ({hidden})"


def case_source_wraps(coroscope, bad_app, tmp):
    """Long source lines wrap at their arguments instead of being cut, and the running line's
    tag stays in the panel."""
    number = lesson_number(coroscope, "gather")
    for dump in dumps_at_steps(coroscope, tmp, number, [1, 2]):
        hidden = dump["view"]["hidden_rows"]
        assert hidden["source.cpp.wrapped_rows"] > 0, f"step {dump['step']}: no long C++ line wrapped"
        note, panel = rect(dump, "source.cpp.running_note"), rect(dump, "panel.source")
        assert inside(note, panel), f"step {dump['step']}: the running line's tag {note} is out of {panel}"


def case_timeline_marks(coroscope, bad_app, tmp):
    """Step 0 (asyncio.run) is labelled on the loop's lane; a deadlocked task's lane has a
    marker where it got stuck."""
    (first,) = dumps_at_steps(coroscope, tmp, lesson_number(coroscope, "coroutines_and_run"), [2])
    run_step, timeline = rect(first, "timeline.run_step"), rect(first, "panel.timeline")
    assert inside(run_step, timeline), run_step
    path = os.path.join(tmp, "deadlock.json")
    script_run(coroscope, tmp, ["end", f"dump-model {path}"], "92", app=bad_app)
    dump = load(path)
    stuck = [k for k in dump["view"]["layout"] if k.startswith("timeline.stuck.")]
    assert "timeline.stuck.Task-2" in stuck, stuck
    for name in stuck:
        assert inside(rect(dump, name), rect(dump, "panel.timeline")), name


def main():
    case, coroscope, bad_app = sys.argv[1:4]
def run_case(cases, prefix):
    """Runs the case named on the command line, among `cases` (a module's globals)."""
    case, coroscope, app = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        cases[f"case_{case}"](coroscope, app, tmp)
    print(f"{prefix}.{case}: ok")


if __name__ == "__main__":
    run_case(globals(), "gui")
