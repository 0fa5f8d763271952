"""Type stubs for nnhw: the names and shapes of the public API."""

import os
from typing import Any, Iterator, Mapping, Optional, Sequence, Union, overload

Spec = Union[str, os.PathLike[str], Mapping[str, Any]]
"""A path, TOML text (a str with a line break), or a dict shaped like a spec's TOML."""

AnswerValue = Union[str, float, int, bool, "Formula", Sequence[Any]]

class SpecError(ValueError):
    """A spec that cannot be read or solved."""

    file: str
    line: Optional[int]
    column: Optional[int]
    field: str
    message: str

class AnswerError(ValueError):
    """An answer that cannot be handed to the judge as given."""

    name: str
    message: str

class GradingWarning(UserWarning):
    """A row `grade` reported; it is graded as far as it can be."""

class Figure(str):
    """A figure's SVG document, with its caption; shows scaled in Jupyter."""

    caption: str
    def __new__(cls, svg: str, caption: str = "") -> Figure: ...
    def _repr_html_(self) -> str: ...

class Formula:
    """A formula: `unicode` for people, `ascii` as typed. str() is the Unicode form."""

    @property
    def unicode(self) -> str: ...
    @property
    def ascii(self) -> str: ...

class Report:
    """A solved spec. Jupyter shows the booklet's page; str() is the text report."""

    @property
    def file(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def variant(self) -> Optional[str]: ...
    @property
    def statement(self) -> str: ...
    @property
    def prompts(self) -> dict[str, str]: ...
    @property
    def answers(self) -> dict[str, Any]:
        """name -> float, list, str, bool or Formula."""
    @property
    def exact(self) -> dict[str, str]: ...
    @property
    def working(self) -> list[dict[str, Any]]: ...
    @property
    def notes(self) -> list[str]: ...
    @property
    def figures(self) -> dict[str, Figure]:
        """name -> Figure (a str holding the SVG document)."""
    @property
    def checks(self) -> dict[str, dict[str, Any]]: ...
    @property
    def passed(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def check(
        self,
        answers: Optional[Mapping[str, AnswerValue]] = None,
        /,
        *,
        reveal: bool = False,
        **named: AnswerValue,
    ) -> Verdicts: ...
    def _repr_html_(self) -> str: ...

class Verdict:
    """One answer's verdict; bool() is True when right."""

    name: str
    given: str
    verdict: str
    detail: str
    read_as: Optional[str]
    hints: list[str]
    caret: Optional[str]
    answer: Optional[str]
    def __bool__(self) -> bool: ...

class Verdicts:
    """A student's answers judged; bool() is True when every one is right."""

    def __bool__(self) -> bool: ...
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, key: int) -> Verdict: ...
    @overload
    def __getitem__(self, key: str) -> Verdict: ...
    def __iter__(self) -> Iterator[Verdict]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

def solve(spec: Spec, *, figures: bool = True) -> Report:
    """Solves a spec and checks its key; raises SpecError for a bad spec."""

def check(
    spec: Spec,
    answers: Optional[Mapping[str, AnswerValue]] = None,
    /,
    *,
    reveal: bool = False,
    **named: AnswerValue,
) -> Verdicts:
    """Judges a student's answers to a spec, as `runner SPEC --answer` does."""

def kinds() -> list[dict[str, str]]:
    """Every registered kind: name, section, summary."""

def variants(
    spec: Spec,
    students: Optional[Sequence[Union[str, int]]] = None,
    *,
    count: Optional[int] = None,
    seed: int = 0,
) -> list[dict[str, str]]:
    """One variant per student: student, id, file_name, text."""

def grade(rows: Any, specs: Any, *, reveal: bool = False) -> Any:
    """Grades rows (a list of dicts or a DataFrame) against specs; same kind back."""
