"""Exceptions carry their fields; objects and calls work from threads."""

from concurrent.futures import ThreadPoolExecutor

import pytest

import nnhw
from conftest import ROOT, every_spec


def test_bad_toml_names_line_and_column():
    with pytest.raises(nnhw.SpecError) as raised:
        nnhw.solve('kind = "nn.feedforward"\n[params\n')
    e = raised.value
    assert e.file == "<string>"
    assert e.line == 2 and e.column is not None
    assert e.message and str(e).startswith("<string>:2:")


def test_a_bad_field_is_named(tmp_path):
    text = (ROOT / "problems" / "simple_network.toml").read_text()
    spec = tmp_path / "bad.toml"
    spec.write_text(text.replace("[params]", "[params]\nbogus = 1", 1))
    with pytest.raises(nnhw.SpecError) as raised:
        nnhw.solve(spec)
    e = raised.value
    assert e.file == str(spec)
    assert "bogus" in e.field or "bogus" in e.message
    assert isinstance(e, ValueError)


def test_a_missing_file_and_a_wrong_type():
    with pytest.raises(nnhw.SpecError) as raised:
        nnhw.solve("no/such/spec.toml")
    assert raised.value.file == "no/such/spec.toml" and raised.value.line is None
    with pytest.raises(TypeError):
        nnhw.solve(42)


def test_calls_and_reports_from_threads_agree():
    specs = [s for s in every_spec() if "embeddings" not in s.name][:8]
    alone = [nnhw.solve(s, figures=False).to_dict() for s in specs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda s: nnhw.solve(s, figures=False).to_dict(), specs * 3))
    assert together == alone * 3
    report = nnhw.solve(ROOT / "problems" / "simple_network.toml", figures=False)
    loss = report.answers["loss"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        verdicts = list(pool.map(lambda x: bool(report.check(loss=x)), [loss, 0.9] * 20))
    assert verdicts == [True, False] * 20


def test_hostile_python_values_are_refused_with_a_reason():
    spec = ROOT / "problems" / "simple_network.toml"
    itself = []
    itself.append(itself)
    with pytest.raises(nnhw.AnswerError, match="nested"):
        nnhw.check(spec, loss=itself)
    looped = {"kind": "nn.feedforward"}
    looped["params"] = looped
    with pytest.raises(ValueError, match="nested"):
        nnhw.solve(looped)
    with pytest.raises(TypeError, match="TOML"):
        nnhw.solve({"kind": "nn.feedforward", "params": {"x": None}})
    with pytest.raises(nnhw.AnswerError):
        nnhw.check(spec, loss=None)
    with pytest.raises(TypeError, match="one str"):
        nnhw.variants(spec, "ann")
    with pytest.raises(ValueError, match="at most"):
        nnhw.variants(spec, count=10**7)
    with pytest.raises(nnhw.SpecError, match="no student ids"):
        nnhw.variants(spec, count=0)
    # A roster's numbers are ids, as their digits.
    assert [v["student"] for v in nnhw.variants(spec, [1001, "ann"])] == ["1001", "ann"]
    with pytest.raises(TypeError, match="row 1"):
        nnhw.grade([1, 2], [spec])
    assert nnhw.grade([], [spec]) == []
