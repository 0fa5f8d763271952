"""Checks a question directory written by `runner export prairielearn` against nnhw's own
keys, in CPython (standard library only, run with -I -S so that server.py can import
nothing else). Called by crates/runner/tests/prairielearn.rs:

    python3 -I -S check_question.py SPEC QUESTION_DIR VARIANTS_DIR RUNNER

SPEC is the spec exported; VARIANTS_DIR holds `runner variants SPEC` with the same seed
and count (the keys to compare with); RUNNER is the runner binary for the grader.
Prints one line per check done; exits 1 with the first failure.
"""

import html
import html.parser
import importlib.util
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import tomllib

# PrairieLearn's question schema, schemas/schemas/infoQuestion.json in
# https://github.com/PrairieLearn/PrairieLearn at commit 02d66c6a7a1ac60a9579111a3a776dfdd70800d9:
# the keys it allows at the top level and in externalGradingOptions (additionalProperties
# is false for both), the required ones, and the types of those we write.
SCHEMA_TOP = {
    "comment": (str, list, dict), "uuid": str, "type": str, "title": str, "topic": str,
    "secondaryTopics": list, "tags": list, "clientFiles": list, "clientTemplates": list,
    "template": str, "gradingMethod": str, "singleVariant": bool, "partialCredit": bool,
    "options": dict, "parameters": dict, "externalGradingOptions": dict,
    "dependencies": dict, "workspaceOptions": dict,
}
SCHEMA_REQUIRED = ["uuid", "type", "title", "topic"]
SCHEMA_TYPE_ENUM = ["Calculation", "ShortAnswer", "MultipleChoice", "Checkbox", "File", "MultipleTrueFalse", "v3"]
SCHEMA_GRADING_ENUM = ["Internal", "External", "Manual"]
SCHEMA_UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
SCHEMA_EXTERNAL = {
    "comment": (str, list, dict), "enabled": bool, "image": str, "entrypoint": str,
    "serverFilesCourse": list, "timeout": int, "enableNetworking": bool,
}
SCHEMA_EXTERNAL_REQUIRED = ["image", "entrypoint"]

# The attributes PrairieLearn's elements accept (their prepare() checks them with
# pl.check_attribs and fails the question on any other), from
# apps/prairielearn/elements/<element>/<element>.py in PrairieLearn/PrairieLearn: the
# lists of versions from 2023 on, each a subset of the later ones.
ATTRIBUTES = {
    "pl-number-input": {
        "answers-name", "weight", "correct-answer", "label", "suffix", "display", "comparison",
        "rtol", "atol", "digits", "allow-complex", "show-help-text", "size", "show-correct-answer",
        "show-placeholder", "allow-fractions", "allow-blank", "blank-value", "custom-format",
        "placeholder", "show-score",
    },
    "pl-string-input": {
        "answers-name", "weight", "correct-answer", "label", "suffix", "display",
        "remove-leading-trailing", "remove-spaces", "allow-blank", "ignore-case", "placeholder",
        "size", "show-help-text", "normalize-to-ascii", "show-score",
    },
    "pl-multiple-choice": {
        "answers-name", "weight", "number-answers", "fixed-order", "inline", "hide-letter-keys",
        "none-of-the-above", "none-of-the-above-feedback", "all-of-the-above",
        "all-of-the-above-feedback", "external-json", "external-json-correct-key",
        "external-json-incorrect-key", "allow-blank",
    },
    "pl-answer": {"correct", "feedback", "score"},
}
BOOLEAN = {"true", "false"}

MISSING = object()
RUNNER = None


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


# --- a mustache renderer: the subset question.html uses ({{x.y}}, {{{x.y}}}, sections),
# in one pass, so that text a value brings in is never rendered again, as in mustache.
TAG = re.compile(r"\{\{\{([\w.]+)\}\}\}|\{\{#([\w.]+)\}\}(.*?)\{\{/\2\}\}|\{\{([\w.]+)\}\}", re.S)


def lookup(stack, name):
    for context in reversed(stack):
        value = context
        for part in name.split("."):
            if isinstance(value, dict) and part in value:
                value = value[part]
            else:
                value = MISSING
                break
        if value is not MISSING:
            return value
    return ""


def render(template, stack):
    def one(m):
        raw, section, body, escaped = m.groups()
        if raw:
            return str(lookup(stack, raw))
        if escaped:
            return html.escape(str(lookup(stack, escaped)))
        value = lookup(stack, section)
        if isinstance(value, list):
            return "".join(render(body, stack + [item]) for item in value)
        return render(body, stack + [value]) if value else ""

    return TAG.sub(one, template)


class Elements(html.parser.HTMLParser):
    """The answer elements of a rendered question.html, with their attributes; a
    pl-multiple-choice with its pl-answer children (attributes and text)."""

    NAMES = ("pl-number-input", "pl-string-input", "pl-multiple-choice", "pl-checkbox", "pl-symbolic-input", "pl-integer-input", "pl-matrix-component-input")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.answer = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.NAMES:
            self.found.append({"tag": tag, "attrs": attrs, "answers": []})
        elif tag == "pl-answer":
            check(self.found and self.found[-1]["tag"] == "pl-multiple-choice", "pl-answer outside pl-multiple-choice")
            self.answer = {"attrs": attrs, "text": ""}
            self.found[-1]["answers"].append(self.answer)

    def handle_endtag(self, tag):
        if tag == "pl-answer":
            self.answer = None

    def handle_data(self, data):
        if self.answer is not None:
            self.answer["text"] += data


def tolerance_of(spec):
    t = spec.get("tolerance", {})
    if "decimals" in t:
        return 0.5 * 10.0 ** -t["decimals"], 0.0
    if "abs" in t or "rel" in t:
        return float(t.get("abs", 0.0)), float(t.get("rel", 0.0))
    return 1e-9, 1e-9


def close(a, b):
    # 0.5·10^-d computed by Rust's powi and by Python's pow may differ in the last place.
    return a == b or math.isclose(a, b, rel_tol=4e-16)


def check_info(info, external):
    for key in SCHEMA_REQUIRED:
        check(key in info, f"info.json lacks required {key}")
    for key, value in info.items():
        check(key in SCHEMA_TOP, f"info.json: {key} is not in PrairieLearn's schema")
        check(isinstance(value, SCHEMA_TOP[key]), f"info.json: {key} has the wrong type")
    check(info["type"] == "v3" and info["type"] in SCHEMA_TYPE_ENUM, "info.json: type")
    check(re.match(SCHEMA_UUID, info["uuid"]) and info["uuid"][14] == "4", "info.json: uuid")
    check(all(isinstance(t, str) for t in info.get("tags", [])), "info.json: tags")
    check(info["title"] and info["topic"], "info.json: empty title or topic")
    if external:
        check(info.get("gradingMethod") == "External" and info["gradingMethod"] in SCHEMA_GRADING_ENUM, "gradingMethod")
        options = info.get("externalGradingOptions")
        check(isinstance(options, dict), "externalGradingOptions")
        for key in SCHEMA_EXTERNAL_REQUIRED:
            check(key in options, f"externalGradingOptions lacks {key}")
        for key, value in options.items():
            check(key in SCHEMA_EXTERNAL, f"externalGradingOptions: {key} not in the schema")
            check(isinstance(value, SCHEMA_EXTERNAL[key]) and not (key == "timeout" and isinstance(value, bool)), f"externalGradingOptions: {key} type")
        check(0 < options.get("timeout", 30) <= 600, "timeout beyond PrairieLearn's 600 s")
        check(options["entrypoint"] == "/grade/tests/grade.py", "entrypoint")
    else:
        check("gradingMethod" not in info and "externalGradingOptions" not in info, "internal question with grader options")


def load_server(question):
    spec = importlib.util.spec_from_file_location("server", os.path.join(question, "server.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(server, seed):
    data = {"params": {}, "correct_answers": {}, "variant_seed": seed, "options": {}}
    server.generate(data)
    return data


PROMPTS = {}


def own_prompts(variants, variant):
    """The prompts nnhw's runner gives the variant's spec (its JSON report)."""
    if variant not in PROMPTS:
        run = subprocess.run([RUNNER, "--format", "json", os.path.join(variants, variant + ".toml")], capture_output=True, timeout=120)
        check(run.returncode == 0, f"runner on {variant}: {run.stderr!r}")
        PROMPTS[variant] = json.loads(run.stdout)["statement"]["prompts"]
    return PROMPTS[variant]


def check_variant(data, template, variants, spec, external):
    variant = data["params"]["variant"]
    with open(os.path.join(variants, variant + ".toml"), "rb") as f:
        key = tomllib.load(f)
    check(key.get("variant") == variant, f"{variant}: not the variant runner variants wrote")
    expected = key["expected"]
    page = render(template, [{"params": data["params"]}])
    parser = Elements()
    parser.feed(page)
    by_name = {}
    for element in parser.found:
        attrs = element["attrs"]
        unknown = set(attrs) - ATTRIBUTES.get(element["tag"], set())
        check(not unknown, f"{variant}: {element['tag']} does not take {sorted(unknown)}")
        check(attrs.get("comparison", "relabs") == "relabs", f"{variant}: comparison")
        check(attrs.get("display", "block") in ("inline", "block"), f"{variant}: display")
        for flag in ("show-help-text", "fixed-order"):
            check(attrs.get(flag, "true") in BOOLEAN, f"{variant}: {flag}")
        for answer in element["answers"]:
            check(set(answer["attrs"]) <= ATTRIBUTES["pl-answer"], f"{variant}: pl-answer attributes")
            check(answer["attrs"].get("correct") in BOOLEAN, f"{variant}: pl-answer correct")
        name = element["attrs"].get("answers-name")
        check(name, f"{variant}: an element without answers-name")
        check(name not in by_name, f"{variant}: two elements named {name}")
        by_name[name] = element
    atol, rtol = tolerance_of(spec)
    correct = data["correct_answers"]
    claimed = set()

    def number(name, want):
        element = by_name.get(name)
        check(element and element["tag"] == "pl-number-input", f"{variant}: no pl-number-input {name}")
        a = element["attrs"]
        check(a.get("comparison") == "relabs", f"{variant}: {name} comparison")
        check(close(float(a["atol"]), atol) and close(float(a["rtol"]), rtol), f"{variant}: {name} tolerance {a['atol']}/{a['rtol']}, spec {atol}/{rtol}")
        got = correct.get(name)
        check(isinstance(got, float) and got == float(want), f"{variant}: {name} correct answer {got!r}, key {want!r}")
        claimed.add(name)

    for name, want in expected.items():
        if external:
            element = by_name.get(name)
            check(element and element["tag"] == "pl-string-input", f"{variant}: no pl-string-input {name}")
            check(isinstance(correct.get(name), str), f"{variant}: {name} has no correct answer")
            claimed.add(name)
        elif isinstance(want, (int, float)) and not isinstance(want, bool):
            number(name, want)
        elif isinstance(want, list) and all(isinstance(x, (int, float)) for x in want):
            for i, x in enumerate(want):
                number(f"{name}_{i + 1}", x)
        elif isinstance(want, str):
            element = by_name.get(name)
            check(element and element["tag"] == "pl-multiple-choice", f"{variant}: no pl-multiple-choice {name}")
            options = data["params"]["choices"][name]
            right = [o for o in options if o["correct"] == "true"]
            check(len(right) == 1 and right[0]["name"] == want, f"{variant}: {name} correct choice {right}, key {want!r}")
            shown = [(a["attrs"].get("correct"), a["text"]) for a in element["answers"]]
            check(shown == [(o["correct"], o["text"]) for o in options], f"{variant}: {name} options as rendered")
            check(name not in correct, f"{variant}: {name} in correct_answers (pl-multiple-choice sets it)")
            claimed.add(name)
        else:
            fail(f"{variant}: {name} = {want!r} has no element kind in this check")
    prompts = data["params"]["prompts"]
    check(set(prompts) == set(expected), f"{variant}: prompts for {sorted(prompts)}")
    own = own_prompts(variants, variant)
    for name in expected:
        check(f"<code>{name}</code> — {prompts[name]}</p>" in page, f"{variant}: the prompt of {name} is not shown")
        # The variant's own question (a list's length differs between variants).
        shown = html.unescape(re.sub("</?code>", "`", prompts[name]))
        check(shown.split("?")[0] == own[name].split("?")[0], f"{variant}: prompt {shown!r}, the variant asks {own[name]!r}")
        if external:
            check(shown == own[name], f"{variant}: prompt {shown!r}, the variant asks {own[name]!r}")
            notation = data["params"]["notations"][name]
            check(f"Written as {notation}.</p>" in page and notation, f"{variant}: the notation of {name} is not shown")
    check(set(by_name) == claimed, f"{variant}: elements {sorted(set(by_name) - claimed)} name no graded answer")
    check(set(correct) <= claimed, f"{variant}: correct answers {sorted(set(correct) - claimed)} for no element")
    return key


def run_grader(question, runner, data, submitted):
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "data"))
        body = dict(data, submitted_answers=submitted)
        with open(os.path.join(root, "data", "data.json"), "w", encoding="utf-8") as f:
            json.dump(body, f)
        env = dict(os.environ, NNHW_GRADE_ROOT=root, NNHW_RUNNER=runner)
        run = subprocess.run([sys.executable, "-I", "-S", os.path.join(question, "tests", "grade.py")], env=env, capture_output=True, timeout=120)
        check(run.returncode == 0, f"grade.py exited {run.returncode}: {run.stderr[-2000:]!r}")
        with open(os.path.join(root, "results", "results.json"), encoding="utf-8") as f:
            return json.load(f)


def check_grader(question, runner, generated):
    """Right answers score 1; another variant's answers score less and show no key;
    garbled, hostile and missing answers are not gradable, and results are written."""
    for i, data in enumerate(generated):
        right = run_grader(question, runner, data, dict(data["correct_answers"]))
        check(right["gradable"] is True and right["score"] == 1.0, f"right answers: {right}")
        check(all(t["points"] == t["max_points"] == 1 for t in right["tests"]), f"right answers' tests: {right}")
        other = generated[(i + 1) % len(generated)]
        if other["params"]["variant"] == data["params"]["variant"]:
            continue
        wrong = run_grader(question, runner, data, dict(other["correct_answers"]))
        check(wrong["gradable"] is True and wrong["score"] < 1.0, f"wrong answers: {wrong}")
        shown = json.dumps(wrong, ensure_ascii=False)
        for name, key in data["correct_answers"].items():
            if key != other["correct_answers"].get(name) and len(str(key)) > 3:
                check(key not in shown, f"the key of {name} shows in {shown}")
    data = generated[0]
    names = list(data["correct_answers"])
    hostile = ["zz(", "[[[[", "\u202e1", "--help", "-q", "x" * 20000, "x\0y", "\ud800", "1" * 5000, "[" * 3000, "inf", "nan", 12, None, ["a"], {"a": 1}]
    for value in hostile:
        result = run_grader(question, runner, data, {name: value for name in names})
        check(result["gradable"] is False or result["score"] < 1.0, f"hostile {value!r:.40}: {result}")
        if result["gradable"]:
            check(len(result["tests"]) == len(names), f"hostile {value!r:.40}: tests {result}")
        else:
            # Only what could not be read is named, and nothing scores.
            check({t["name"] for t in result["tests"]} <= set(names), f"hostile {value!r:.40}: tests {result}")
            check(all(t["points"] == 0 for t in result["tests"]), f"hostile {value!r:.40}: points {result}")
        check("the grader failed" not in result["message"], f"hostile {value!r:.40}: {result}")
    missing = run_grader(question, runner, data, {})
    check(missing["gradable"] is False and "missing" in missing["message"], f"missing: {missing}")
    # One answer right, the others missing: not gradable, and no word on the right one
    # (a submission that costs no attempt must not check answers for free).
    partial = run_grader(question, runner, data, {names[0]: data["correct_answers"][names[0]]})
    named = {t["name"] for t in partial["tests"]}
    check(partial["gradable"] is False and names[0] not in named and named == set(names[1:]), f"partly missing: {partial}")
    check(all(t["points"] == 0 for t in partial["tests"]), f"partly missing: {partial}")
    no_variant = run_grader(question, runner, dict(data, params={"variant": "../../etc/passwd"}), data["correct_answers"])
    check(no_variant["gradable"] is False, f"unknown variant: {no_variant}")
    bad_runner = run_grader(question, "/nonexistent/runner", data, data["correct_answers"])
    check(bad_runner["gradable"] is False, f"missing runner: {bad_runner}")


def main():
    global RUNNER
    spec_path, question, variants, runner = sys.argv[1:5]
    RUNNER = runner
    with open(spec_path, "rb") as f:
        spec = tomllib.load(f)
    with open(os.path.join(question, "info.json"), encoding="utf-8") as f:
        info = json.load(f)
    with open(os.path.join(question, "question.html"), encoding="utf-8") as f:
        template = f.read()
    external = info.get("gradingMethod") == "External"
    check_info(info, external)
    print("info.json matches PrairieLearn's question schema")

    server = load_server(question)
    count = len(server.VARIANTS)
    stem = os.path.splitext(os.path.basename(spec_path))[0]
    seeds = list(range(0, 200)) + [2**32 - 1, 2**53 + 1, 2**64 + 3, 10**40, -1, -7, -(2**63)]
    seen = set()
    generated = []
    for seed in seeds:
        data = generate(server, seed)
        check(data["params"]["variant"] == f"{stem}-{seed % count + 1}", f"seed {seed}: variant {data['params']['variant']}")
        check_variant(data, template, variants, spec, external)
        if data["params"]["variant"] not in seen:
            seen.add(data["params"]["variant"])
            generated.append(data)
    check(len(seen) == count, f"{len(seen)} of {count} variants reached")
    # What JavaScript's parseInt can hand over besides an int: a float, null.
    for odd in [1.2e20, float("nan"), None, True, "17", "zz"]:
        data = generate(server, odd)
        check_variant(data, template, variants, spec, external)
        check(data == generate(server, odd), f"seed {odd!r} is not deterministic")
    print(f"{len(seeds) + 6} seeds: every correct answer is nnhw's key, every element names a graded answer with the spec's tolerance")

    statement = generated[0]["params"]["statement"]
    check(statement.startswith('<div class="nnhw">') and "<p" in statement, "statement HTML")
    for data in generated:
        statement = data["params"]["statement"]
        check("nnhw-figure-" not in statement, "a figure marker left in the statement")
        check(statement.count("<figure") == statement.count("</figure>"), "figures in the statement")
    for data in generated:
        for value in data["correct_answers"].values():
            if isinstance(value, str) and len(value) > 3:
                check(value not in data["params"]["statement"], "a key in the statement")

    if external:
        check_grader(question, runner, generated)
        print(f"grade.py: right answers score 1 in all {count} variants; wrong, hostile and missing answers checked")
    else:
        check(not os.path.exists(os.path.join(question, "tests")), "tests/ in an internally graded question")
        check_score(server, generated)
        print("server.py grade: each answer counts the same, and a list is right only when every entry is")


def check_score(server, generated):
    """server.grade sets the score by nnhw's rule from the elements' partial scores."""
    for data in generated:
        entries = data["params"]["entries"]
        names = [e["name"] for listed in entries.values() for e in listed]
        names += [n for n in list(data["correct_answers"]) + list(data["params"]["choices"]) if n not in names]
        answers = len(entries) + len([n for n in names if not any(n == e["name"] for l in entries.values() for e in l)])
        data["partial_scores"] = {n: {"score": 1.0, "weight": 1} for n in names}
        server.grade(data)
        check(data["score"] == 1.0, f"all right: {data['score']}")
        for answer, listed in entries.items():
            if len(listed) < 2:
                continue
            data["partial_scores"] = {n: {"score": 1.0, "weight": 1} for n in names}
            data["partial_scores"][listed[-1]["name"]]["score"] = 0.0
            server.grade(data)
            want = (answers - 1) / answers
            check(abs(data["score"] - want) < 1e-12, f"{answer}: one entry wrong gives {data['score']}, nnhw {want}")


if __name__ == "__main__":
    main()
