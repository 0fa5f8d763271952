"""nnhw.check against the CLI over the verdict corpus, reveal, and sloppy answers."""

import json
from pathlib import Path

import pytest

import nnhw
from conftest import ROOT

CORPUS = sorted((ROOT / "tests" / "verdicts").glob("*.txt"))


def cases(path: Path):
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        want, argument = line.split(None, 1)
        yield number, want, argument.strip()


@pytest.mark.parametrize("corpus", CORPUS, ids=lambda p: p.stem)
def test_verdicts_equal_the_cli_over_the_corpus(runner, corpus):
    spec = f"problems/{corpus.stem}.toml"
    report = nnhw.solve(spec, figures=False)
    usable = [(n, want, a) for n, want, a in cases(corpus) if "=" in a]
    assert usable
    args = [x for _, _, a in usable for x in ("--answer", a)]
    cli = json.loads(runner(spec, *args, "--format", "json", ok=(0, 1, 2)).stdout)["verdicts"]
    assert len(cli) == len(usable)
    for (number, want, argument), theirs in zip(usable, cli):
        name, value = argument.split("=", 1)
        ours = report.check({name: value})[0]
        where = f"{corpus.name}:{number}: {argument}"
        assert ours.verdict == theirs["verdict"] == want, where
        assert ours.detail == theirs["detail"].split("\n")[0], where
        assert ours.read_as == theirs.get("read_as"), where


def test_python_values_are_read_exactly():
    spec = ROOT / "problems" / "simple_network.toml"
    answers = nnhw.solve(spec, figures=False).answers
    verdicts = nnhw.check(spec, **answers)
    assert verdicts, str(verdicts)
    assert all(v.verdict == "right" for v in verdicts)
    # A list answer given as a Python list, and as a numpy-like object with tolist().
    report = nnhw.solve(ROOT / "problems" / "feedforward.toml", figures=False)
    name, value = next((n, v) for n, v in report.answers.items() if isinstance(v, list))

    class ArrayLike:
        def tolist(self):
            return value

    assert report.check({name: value})
    assert report.check({name: ArrayLike()})
    assert report.check({name: tuple(value)})


def test_sloppy_answers_get_told_what_was_read():
    spec = ROOT / "problems" / "simple_network.toml"
    sloppy = nnhw.check(spec, loss=" 2.884e-1 ", dC_dw1="2,0809", dC_db="-.1387")
    assert sloppy["loss"].verdict == "right"
    assert sloppy["dC_dw1"].verdict == "unusable"
    assert "," in sloppy["dC_dw1"].detail or sloppy["dC_dw1"].caret
    assert sloppy["dC_db"]
    assert not sloppy


def test_nothing_of_the_key_leaks_without_reveal():
    spec = ROOT / "problems" / "simple_network.toml"
    key = nnhw.solve(spec, figures=False).answers["loss"]
    hidden = nnhw.check(spec, loss=0.9)
    assert hidden["loss"].verdict == "wrong"
    assert hidden["loss"].answer is None
    for shown in (str(hidden), hidden._repr_html_(), json.dumps(hidden.to_dict())):
        assert "0.288" not in shown and f"{key:.3f}" not in shown
    revealed = nnhw.check(spec, loss=0.9, reveal=True)
    assert revealed["loss"].answer and "0.288" in revealed["loss"].answer
    assert "0.288" in str(revealed)


def test_an_unknown_name_is_unusable_not_an_exception():
    verdicts = nnhw.check(ROOT / "problems" / "simple_network.toml", lsos=0.3)
    assert verdicts[0].verdict == "unusable"


def test_an_answer_that_is_no_value_raises_answer_error():
    with pytest.raises(nnhw.AnswerError) as raised:
        nnhw.check(ROOT / "problems" / "simple_network.toml", loss={"a": 1})
    assert raised.value.name == "loss"
    assert "dict" in raised.value.message


def test_no_answers_is_a_type_error():
    with pytest.raises(TypeError):
        nnhw.check(ROOT / "problems" / "simple_network.toml")
