"""examples/homework.ipynb executed on a real ipykernel: no cell fails, and the outputs
hold the answers, MathML and SVG a student should see."""

import nbformat
from nbclient import NotebookClient

from conftest import ROOT


def outputs_of(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        for kind, data in out.get("data", {}).items():
            parts.append(f"[{kind}]")
            parts.append(data if isinstance(data, str) else "".join(data))
    return "\n".join(parts)


def test_the_notebook_runs_and_shows_the_answers(tmp_path):
    path = ROOT / "examples" / "homework.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    nbformat.write(notebook, tmp_path / "executed.ipynb")
    cells = {c["source"].split("\n")[0]: outputs_of(c) for c in notebook.cells if c.cell_type == "code"}
    by_start = lambda start: next(v for k, v in cells.items() if k.startswith(start))  # noqa: E731

    page = by_start("feedforward = nnhw.solve")
    assert "[text/html]" in page and "<math" in page, "the report typesets with MathML"
    assert "e<sup>15</sup>" in page or "<msup>" in page

    regions = by_start("regions = nnhw.solve")
    assert "data:image/svg+xml;base64," in regions and 'alt="' in regions
    assert "<svg" in page, "the report's figures are inline SVG"
    assert "4.0" in regions and "x1 = 1" in regions.replace("x₁", "x1")

    sloppy = by_start("mine = nnhw.check")
    assert "[text/html]" in sloppy and "unusable" in sloppy
    # The student's own 2.884e-1 is read back to them; the key's digits are never shown.
    assert "0.28842" not in sloppy and "2.0809165" not in sloppy, "nothing of the key leaks"

    fixed = by_start("fixed = nnhw.check")
    assert fixed.splitlines()[0] == "True"
    assert fixed.count(" right read as") == 4

    formula = by_start("derivatives = nnhw.solve")
    assert "right" in formula and "wrong" in formula

    graded = by_start("keys = {v")
    assert "[text/html]" in graded
    assert graded.count("right") >= 5 and "missing" in graded and "unusable" in graded
