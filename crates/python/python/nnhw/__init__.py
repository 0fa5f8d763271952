"""nnhw: pose, solve, explain, draw and grade the problems of a neural-networks homework.

A student solves a spec and checks their own answers::

    >>> import nnhw
    >>> report = nnhw.solve("problems/simple_network.toml")
    >>> report.answers["loss"]
    >>> nnhw.check("problems/simple_network.toml", loss="0.0254")

Staff draw a variant per student and grade a class::

    >>> class_ = nnhw.variants("problems/simple_network.toml", students=["ann", "bo"])
    >>> nnhw.grade(rows, class_)          # rows: a list of dicts or a pandas DataFrame

A spec is a path, TOML text (a str with a line break) or a dict shaped like the TOML.
The work is done by the same Rust crates as the `runner` CLI, with the GIL released.
"""

from __future__ import annotations

import base64
import html
import os
import warnings
from pathlib import Path
from typing import Any, Iterable, Mapping, Union

from ._native import (
    AnswerError,
    Formula,
    Report,
    SpecError,
    Verdict,
    Verdicts,
    check,
    kinds,
    solve,
    variants,
)
from ._native import grade as _grade

__all__ = [
    "AnswerError",
    "Figure",
    "Formula",
    "GradingWarning",
    "Report",
    "SpecError",
    "Verdict",
    "Verdicts",
    "check",
    "grade",
    "kinds",
    "solve",
    "variants",
]


class Figure(str):
    """A figure: its SVG document (this str), with `caption` saying what it shows. In
    Jupyter it shows scaled to the output's width, with the caption as its text
    alternative; `open("f.svg", "w").write(figure)` saves it."""

    caption: str

    def __new__(cls, svg: str, caption: str = "") -> "Figure":
        figure = super().__new__(cls, svg)
        figure.caption = caption
        return figure

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.encode("utf-8")).decode("ascii")
        return (
            '<figure style="margin:0.5em 0">'
            f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(self.caption)}"'
            ' style="max-width:100%;height:auto">'
            f"<figcaption>{html.escape(self.caption)}</figcaption></figure>"
        )

    def __repr__(self) -> str:
        return f"<nnhw.Figure {self.caption!r}: {len(self)} characters of SVG>"


class GradingWarning(UserWarning):
    """A row `grade` reported: malformed, naming an unknown spec, a second submission,
    an answer the spec does not grade. The row is graded as far as it can be."""


Spec = Union[str, "os.PathLike[str]", Mapping[str, Any]]


def _named_specs(specs: Any) -> list[tuple[str, Any]]:
    """(name, spec) pairs: a directory's *.toml files, a mapping name -> spec, or a list
    of specs (a variant from `variants` is known by its file name)."""
    if isinstance(specs, (str, os.PathLike)) and "\n" not in str(specs):
        path = Path(specs)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.toml") if p.is_file())
            if not files:
                raise ValueError(f"{path}: no *.toml spec in this directory")
            return [(str(p), str(p)) for p in files]
        return [(str(path), str(path))]
    if isinstance(specs, Mapping) and "kind" not in specs:
        return [(str(name), spec) for name, spec in specs.items()]
    if isinstance(specs, Mapping) or isinstance(specs, str):
        specs = [specs]
    named = []
    for i, spec in enumerate(specs, 1):
        if isinstance(spec, Mapping) and "text" in spec and "file_name" in spec:
            named.append((str(spec["file_name"]), spec["text"]))
        elif isinstance(spec, (str, os.PathLike)) and "\n" not in str(spec):
            named.append((str(spec), str(spec)))
        else:
            named.append((f"spec-{i}.toml", spec))
    return named


def grade(rows: Any, specs: Any, *, reveal: bool = False) -> Any:
    """Grades rows of answers against specs, as `runner grade` does.

    rows: a list of dicts, or a pandas DataFrame, each row with `student`, `spec` (a
    spec's file name, stem or variant id) and one entry per answer (None, NaN or empty
    text is no answer).
    specs: a directory of specs, a list of specs or of the variants `variants` drew, or a
    dict name -> spec.

    Returns the same kind as `rows`: one row per graded submission with `student`, `spec`,
    `score`, `max_score` and each answer's verdict ("right", "wrong", "unusable",
    "missing"). Rows that could not be graded whole are named in a GradingWarning each
    (`rows:N: ...`, N counting rows from 1); a second submission of a spec by the same
    student is such a row, and the first one counts.
    reveal=True shows the right answer after a wrong one (staff only).
    """
    frame = None
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):
        frame = type(rows)
        rows = rows.to_dict("records")
    elif isinstance(rows, Mapping):
        raise TypeError("rows is a list of dicts (one per submission), not one dict")
    rows = list(rows)
    if not rows:
        return frame([]) if frame is not None else []
    graded, messages = _grade(rows, _named_specs(specs), reveal=reveal)
    for message in messages:
        warnings.warn(message, GradingWarning, stacklevel=2)
    if frame is not None:
        return frame(graded)
    return graded
