"""nnhw.variants and nnhw.grade against `runner variants` and `runner grade`."""

import json
import warnings

import pytest

import nnhw
from conftest import ROOT, json_lines

SPEC = "problems/simple_network.toml"


def test_variants_equal_the_cli(runner, tmp_path):
    ids = ["ann", "bo", "s-3"]
    ours = nnhw.variants(SPEC, ids, seed=7)
    (tmp_path / "roster.csv").write_text("student\n" + "\n".join(ids) + "\n")
    runner("variants", SPEC, "--roster", str(tmp_path / "roster.csv"), "--seed", "7",
           "--out", str(tmp_path / "out"), ok=(0,))
    assert [v["student"] for v in ours] == ids
    for v in ours:
        assert (tmp_path / "out" / v["file_name"]).read_text() == v["text"]
        assert nnhw.solve(v["text"], figures=False).passed
    assert len(nnhw.variants(SPEC, count=4)) == 4
    with pytest.raises(TypeError):
        nnhw.variants(SPEC)


def test_grade_equals_the_cli(runner, tmp_path):
    drawn = nnhw.variants(SPEC, ["ann", "bo", "cy"])
    out = tmp_path / "class"
    out.mkdir()
    for v in drawn:
        (out / v["file_name"]).write_text(v["text"])
    keys = [nnhw.solve(v["text"], figures=False).answers for v in drawn]
    rows = [
        {"student": "ann", "spec": drawn[0]["id"], **keys[0]},
        {"student": "bo", "spec": drawn[1]["id"], "loss": "0.9", "dC_dw1": None},
        {"student": "cy", "spec": drawn[2]["id"], "loss": "garbled!", "dC_db": keys[2]["dC_db"]},
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ours = nnhw.grade(rows, drawn)
    lines = [json.dumps({"student": r["student"], "spec": r["spec"],
                         "answers": {k: v for k, v in r.items()
                                     if k not in ("student", "spec") and v is not None}})
             for r in rows]
    (tmp_path / "rows.jsonl").write_text("\n".join(lines) + "\n")
    cli = json_lines(runner("grade", "--submissions", str(tmp_path / "rows.jsonl"),
                            "--format", "json", str(out), ok=(0,)).stdout)
    assert len(ours) == len(cli) == 3
    for mine, theirs in zip(ours, cli):
        assert mine["student"] == theirs["student"]
        assert mine["score"] == theirs["score"] and mine["max_score"] == theirs["max_score"]
        for a in theirs["answers"]:
            assert mine[a["name"]] == a["verdict"]
    assert ours[0]["score"] == ours[0]["max_score"] == 4
    assert ours[1]["loss"] == "wrong" and ours[1]["dC_dw1"] == "missing"
    assert ours[2]["loss"] == "unusable" and ours[2]["dC_db"] == "right"
    # The same from a directory of specs.
    assert nnhw.grade(rows, out) == ours


def test_a_bad_row_is_a_warning_and_the_rest_is_graded():
    drawn = nnhw.variants(SPEC, ["ann"])
    rows = [{"student": "ann", "spec": "nope", "loss": 1}, {"student": "ann", "spec": drawn[0]["id"], "loss": 1}]
    with pytest.warns(nnhw.GradingWarning, match="nope"):
        graded = nnhw.grade(rows, drawn)
    assert [g["spec"] for g in graded] == [drawn[0]["id"]]


def test_grade_takes_and_returns_a_dataframe():
    pd = pytest.importorskip("pandas")
    drawn = nnhw.variants(SPEC, ["ann", "bo"])
    frame = pd.DataFrame([
        {"student": "ann", "spec": drawn[0]["id"], "loss": 0.9, "dC_dw1": float("nan")},
        {"student": "bo", "spec": drawn[1]["id"], "loss": "0.1", "dC_dw1": 2.0},
    ])
    graded = nnhw.grade(frame, drawn)
    assert isinstance(graded, pd.DataFrame)
    assert list(graded["student"]) == ["ann", "bo"]
    assert graded.loc[0, "dC_dw1"] == "missing"
