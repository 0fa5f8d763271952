#!/usr/bin/env python3
"""The external grader of a question written by `runner export prairielearn`: every
answer is judged by nnhw's own runner against the variant's spec in tests/variants/, by
the rules `runner --answer` uses. Standard library only.

Reads  $NNHW_GRADE_ROOT/data/data.json  (PrairieLearn's /grade/data/data.json)
Runs   $NNHW_RUNNER  (default /grade/serverFilesCourse/nnhw/runner)
Writes $NNHW_GRADE_ROOT/results/results.json, whatever happens.
"""

import json
import os
import subprocess
import sys

# The graded answers, in the question's order, and the spec file of each variant id.
ANSWERS = json.loads(__ANSWERS__)
FILES = json.loads(__FILES__)

ROOT = os.environ.get("NNHW_GRADE_ROOT", "/grade")
RUNNER = os.environ.get(
    "NNHW_RUNNER", os.path.join(ROOT, "serverFilesCourse", "nnhw", "runner")
)
HERE = os.path.dirname(os.path.abspath(__file__))
# An answer longer than this is not sent to the runner (which has its own, larger limits).
MAX_CHARS = 10000
TIMEOUT_SECONDS = 20


def write(results):
    out = os.path.join(ROOT, "results")
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "results.json")
    with open(path + ".part", "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False)
    os.replace(path + ".part", path)


def not_gradable(message):
    """Results for a submission nobody can judge (the grader's own trouble, or answers
    missing or unreadable): no score and no attempt used, as PrairieLearn does for its
    own elements' format errors."""
    return {"gradable": False, "score": 0.0, "message": message, "format_errors": [message], "tests": []}


def runnable(path):
    """Makes the runner executable when a course's file editor left it not (the grader
    runs as root in its container); anything else is the run's own error to report."""
    try:
        if os.path.isfile(path) and not os.access(path, os.X_OK):
            os.chmod(path, 0o755)
    except OSError:
        pass


def encodable(text):
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def clip(text, limit=500):
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def grade(data):
    params = data.get("params") or {}
    variant = params.get("variant")
    if not isinstance(variant, str) or variant not in FILES:
        return not_gradable("this submission names no variant of the question")
    spec = os.path.join(HERE, "variants", FILES[variant])
    submitted = data.get("submitted_answers") or {}
    args = []
    problems = {}
    for name in ANSWERS:
        value = submitted.get(name)
        if value is None or (isinstance(value, str) and value.strip() == ""):
            problems[name] = "missing: no answer was given"
            continue
        if not isinstance(value, str):
            value = json.dumps(value)
        if "\0" in value:
            problems[name] = "unusable: the answer holds a NUL character"
        elif not value.isprintable() and not encodable(value):
            problems[name] = "unusable: the answer is not text (a lone surrogate)"
        elif len(value) > MAX_CHARS:
            problems[name] = f"unusable: the answer is longer than {MAX_CHARS} characters"
        else:
            args += ["--answer", f"{name}={value}"]
    verdicts = {}
    if args:
        runnable(RUNNER)
        try:
            run = subprocess.run(
                [RUNNER, "--format", "json", *args, spec],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as e:
            return not_gradable(f"the grader could not run nnhw's runner: {clip(e)}")
        try:
            report = json.loads(run.stdout.decode("utf-8", "replace"))
            verdicts = {v["name"]: v for v in report["verdicts"]}
        except (ValueError, KeyError, TypeError):
            stderr = run.stderr.decode("utf-8", "replace").strip().splitlines()
            return not_gradable(
                "nnhw's runner gave no verdicts: " + clip(stderr[0] if stderr else f"exit {run.returncode}")
            )
    tests = []
    right = 0
    for name in ANSWERS:
        v = verdicts.get(name)
        if v is None:
            message = problems.get(name, "unusable: the runner said nothing of it")
            word = message.split(":")[0]
            output = ""
        else:
            word = v.get("verdict", "unusable")
            lines = str(v.get("detail", "")).splitlines() or [word]
            message, output = clip(lines[0]), clip("\n".join(lines[1:]), 2000)
            if word != "right" and not message.startswith(word):
                message = f"{word}: {message}"
            if word == "unusable":
                problems[name] = message
        points = 1 if word == "right" else 0
        right += points
        tests.append({"name": name, "max_points": 1, "points": points, "message": message, "output": output})
    if problems:
        # No verdict on the answers that could be read: a submission that uses no
        # attempt must not tell a student which of the others are right.
        results = not_gradable(
            "; ".join(f"{name}: {problems[name]}" for name in ANSWERS if name in problems)
        )
        results["tests"] = [t for t in tests if t["name"] in problems]
        for t in results["tests"]:
            t["points"] = 0
        return results
    return {
        "gradable": True,
        "score": right / len(ANSWERS) if ANSWERS else 0.0,
        "message": f"{right} of {len(ANSWERS)} answers right",
        "tests": tests,
    }


def main():
    try:
        with open(os.path.join(ROOT, "data", "data.json"), encoding="utf-8") as f:
            data = json.load(f)
        if not isinstance(data, dict):
            raise ValueError("data.json is not an object")
        results = grade(data)
    except Exception as e:  # whatever went wrong, PrairieLearn gets results to show
        results = not_gradable(f"the grader failed: {clip(type(e).__name__)}: {clip(e)}")
    write(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
