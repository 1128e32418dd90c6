"""Labelled CSVs: each problem is named with its row; nothing is trained from invalid data."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.errors import LabelsError
from scorer.labels import read_labelled_csv

GOOD = "Officials said on Monday that 12 schools would reopen."
OTHER = "They probably discussed it and it may have gone well."


def _csv(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "labels.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def test_good_csv_with_bom_and_path_column(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    path = _csv(tmp_path, f"\ufefftext,path,label\n,a.txt,reported\n{OTHER},,Speculative\n".encode())
    rows = read_labelled_csv(path)
    assert [(r.text, r.label) for r in rows] == [(GOOD, "reported"), (OTHER, "speculative")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text\nabc\n", "no 'label' column"),
        ("body,label\nabc,reported\n", "needs a 'text' or a 'path'"),
        (f"text,label\n{GOOD},reported\n{OTHER},fake\n", "row 3: label 'fake'"),
        (f"text,label\n{GOOD},reported\n   ,speculative\n", "row 3: empty text"),
        (f"text,label\n{GOOD},reported\n{OTHER},reported\n", "only one class"),
        (f"text,label\n{GOOD},reported\n{GOOD},speculative\n{OTHER},speculative\n", "row 3: same text as row 2"),
        (f"text;label\n{GOOD};reported\n", "comma separated"),
        (f"path,label\nmissing.txt,reported\n{OTHER},speculative\n", "row 2: .*no such file"),
        ("", "empty file"),
    ],
)
def test_problems_are_named(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(LabelsError, match=message):
        read_labelled_csv(_csv(tmp_path, content))


def test_one_class_is_fine_for_evaluation(tmp_path: Path) -> None:
    path = _csv(tmp_path, f"text,label\n{GOOD},reported\n")
    assert len(read_labelled_csv(path, both_classes=False)) == 1


def test_train_command_writes_nothing_from_invalid_data(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from scorer.cli import app

    path = _csv(tmp_path, f"text,label\n{GOOD},reported\n{OTHER},maybe\n")
    result = CliRunner().invoke(app, ["train", str(path), "--out", str(tmp_path / "models")])
    assert result.exit_code == 1 and "row 3" in result.output
    assert not (tmp_path / "models").exists()


def test_the_labels_readme_counts_what_the_files_hold() -> None:
    """labels/README.md's counts are the files' (a hand-copied figure cannot drift)."""
    import csv
    from collections import Counter

    root = Path(__file__).resolve().parents[1] / "labels"
    readme = (root / "README.md").read_text(encoding="utf-8")
    sentences = list(csv.DictReader(open(root / "sentences.csv", encoding="utf-8")))
    outlets = len({r["outlet"] for r in sentences})
    assert f"{len(sentences):,} sentences from {outlets} outlets and generators" in readme
    judged = list(csv.DictReader(open(root / "judged.csv", encoding="utf-8")))
    machine = ("uchendu/", "detectrl/", "f3/", "sheepdog/")
    round6 = Counter(r["label"] for r in judged if r["doc_id"].startswith(machine))
    assert f"{sum(round6.values()):,} machine-written and paired human articles" in readme
    assert f"{round6['reported']} reported, {round6['speculative']} speculative and {round6['unsure']} unsure" in readme
    second = sum(1 for _ in csv.DictReader(open(root / "agreement.csv", encoding="utf-8")))
    assert f"a second, independent reading of {second} rows" in readme
