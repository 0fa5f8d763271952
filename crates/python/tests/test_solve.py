"""nnhw.solve and nnhw.kinds against the CLI: the same report for every spec."""

import json
import math

import pytest

import nnhw
from conftest import ROOT, every_spec


@pytest.mark.parametrize("spec", every_spec(), ids=lambda p: p.stem)
def test_report_equals_the_cli_json(runner, spec):
    relative = str(spec.relative_to(ROOT))
    cli = json.loads(runner(relative, "--format", "json").stdout)
    report = nnhw.solve(relative, figures=False)
    assert report.to_dict() == cli
    # The answers as Python values: numbers are floats, ±inf and nan included.
    for item in cli["answers"]:
        got = report.answers[item["name"]]
        assert _plain(got) == _plain_json(item["value"]), item["name"]
    assert report.passed == all(a.get("check", {}).get("passed", True) for a in cli["answers"])


def _plain(value):
    if isinstance(value, nnhw.Formula):
        return {"unicode": value.unicode, "ascii": value.ascii}
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _plain_json(value):
    if isinstance(value, list):
        return [_plain_json(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def test_a_report_has_its_question_working_figures_and_displays():
    report = nnhw.solve(ROOT / "problems" / "decision_boundaries.toml")
    assert report.kind == "nn.decision-region"
    assert report.statement.strip()
    # Every answer the key grades is asked, with a prompt naming it.
    assert report.checks and set(report.prompts) >= set(report.checks)
    for name in report.checks:
        assert report.prompts[name].strip()
    assert report.working and all(isinstance(step, dict) for step in report.working)
    assert report.figures, "a region problem draws figures"
    for figure in report.figures.values():
        assert isinstance(figure, nnhw.Figure) and isinstance(figure, str)
        assert figure.lstrip().startswith(("<svg", "<?xml")) and figure.caption
        shown = figure._repr_html_()
        assert "max-width:100%" in shown and figure.caption.split()[0] in shown
    html = report._repr_html_()
    assert '<div class="nnhw">' in html and "@scope (.nnhw)" in html
    assert "<svg" in html
    text = str(report)
    assert report.title in text
    assert repr(report).startswith("<nnhw.Report ")


def test_a_formula_has_both_forms():
    report = nnhw.solve(ROOT / "problems" / "parameter_derivatives.toml", figures=False)
    formulas = [v for v in report.answers.values() if isinstance(v, nnhw.Formula)]
    assert formulas, "3.x parameter derivatives answers with formulas"
    for f in formulas:
        assert f.ascii and f.unicode and str(f) == f.unicode


def test_a_spec_as_text_or_dict_solves_as_the_file():
    path = ROOT / "problems" / "simple_network.toml"
    text = path.read_text()
    from_file = nnhw.solve(path, figures=False).answers
    assert nnhw.solve(text, figures=False).answers == from_file
    import tomllib

    assert nnhw.solve(tomllib.loads(text), figures=False).answers == from_file


def test_kinds_are_every_registered_kind(runner):
    cli = json.loads(runner("list", "--format", "json").stdout)["kinds"]
    assert nnhw.kinds() == cli
    assert len(cli) >= 11 and all(k["section"] and k["summary"] for k in cli)
