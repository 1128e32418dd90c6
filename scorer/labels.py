"""Reading and validating labelled CSVs: every problem is named with its row."""

from __future__ import annotations

import csv
import hashlib
import io
import stat
from dataclasses import dataclass
from pathlib import Path

from scorer.documents import CSV_FIELD_CAP, DEFAULT_MAX_BYTES, check_not_binary, read_document
from scorer.errors import InputError, LabelsError
from scorer.model import CLASSES

_MAX_ERRORS_SHOWN = 10
MAX_CSV_BYTES = 1 << 30


@dataclass(frozen=True)
class LabelledText:
    """One training or evaluation row."""

    id: str
    text: str
    label: str
    group: str = ""  # the unit that never straddles a cross-validation fold (an outlet), if given


def read_labelled_csv(
    path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, both_classes: bool = True, any_path: bool = False
) -> list[LabelledText]:
    """Rows of a labelled CSV (``text`` or ``path``, ``label``, optional ``id``), all checked.

    Training needs ``both_classes``; an evaluation set may hold one class only. A ``path``
    must lie inside the CSV's folder unless ``any_path``.
    """
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise LabelsError(f"{path}: not a regular file")
        if info.st_size > MAX_CSV_BYTES:
            raise LabelsError(
                f"{path}: {info.st_size:,} bytes is over the {MAX_CSV_BYTES:,}-byte limit for a labelled CSV"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise LabelsError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LabelsError(f"{path}: not UTF-8 (byte {exc.start})") from exc
    csv.field_size_limit(max(min(max_bytes, CSV_FIELD_CAP), csv.field_size_limit()))  # a long article is one cell
    reader = csv.DictReader(io.StringIO(content, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    _check_header(path, header)
    reader.fieldnames = header
    rows: list[LabelledText] = []
    problems: list[str] = []
    try:
        for number, record in enumerate(reader, start=2):  # row 1 is the header
            try:
                rows.append(_parse_row(record, number, path.parent, max_bytes, any_path))
            except LabelsError as exc:
                problems.append(str(exc))
    except csv.Error as exc:
        problems.append(f"row {reader.line_num}: malformed CSV ({exc})")
    _check_rows(rows, problems, both_classes)
    if problems:
        shown = "\n  ".join(problems[:_MAX_ERRORS_SHOWN])
        more = f"\n  ... and {len(problems) - _MAX_ERRORS_SHOWN} more" if len(problems) > _MAX_ERRORS_SHOWN else ""
        raise LabelsError(f"{path}: {len(problems)} problem(s):\n  {shown}{more}")
    return rows


def data_hash(rows: list[LabelledText]) -> str:
    """sha256 over each row's text hash and label, in order: identifies a training set."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(hashlib.sha256(row.text.encode("utf-8")).digest())
        digest.update(row.label.encode())
    return digest.hexdigest()


def _check_header(path: Path, header: list[str]) -> None:
    if not header:
        raise LabelsError(f"{path}: empty file, expected a header row with text (or path) and label")
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        raise LabelsError(f"{path}: the header is one column {header[0]!r}; the file must be comma separated")
    if "label" not in header:
        raise LabelsError(f"{path}: no 'label' column (columns: {', '.join(header)})")
    repeated = sorted({h for h in header if header.count(h) > 1 and h in ("label", "text", "path", "id")})
    if repeated:
        raise LabelsError(f"{path}: column {repeated[0]!r} appears more than once in the header; keep one")
    if "text" not in header and "path" not in header:
        raise LabelsError(f"{path}: needs a 'text' or a 'path' column (columns: {', '.join(header)})")


def _parse_row(record: dict[str, str | None], number: int, base: Path, max_bytes: int, any_path: bool) -> LabelledText:
    if None in record:
        raise LabelsError(f"row {number}: more fields than the header has")
    label = (record.get("label") or "").strip().lower()
    if label not in CLASSES:
        raise LabelsError(f"row {number}: label {label!r} is not one of {', '.join(CLASSES)}")
    row_id = (record.get("id") or "").strip() or str(number)
    text = record.get("text") or ""
    path = (record.get("path") or "").strip()
    if not text.strip() and path:
        target = Path(path)
        target = target if target.is_absolute() else base / target
        if not any_path and not target.resolve().is_relative_to(base.resolve()):
            raise LabelsError(f"row {number}: path {path!r} is outside the CSV's folder (allow it with --any-path)")
        try:
            text = read_document(target, max_bytes)
        except InputError as exc:
            raise LabelsError(f"row {number}: {exc}") from exc
    elif text:
        try:
            check_not_binary(text, f"row {number}")
        except InputError as exc:
            raise LabelsError(str(exc)) from exc
    if not text.strip():
        raise LabelsError(f"row {number}: empty text")
    return LabelledText(row_id, text, label, (record.get("group") or "").strip())


def _check_rows(rows: list[LabelledText], problems: list[str], both_classes: bool) -> None:
    seen: dict[str, str] = {}
    for row in rows:
        key = hashlib.sha256(row.text.encode()).hexdigest()
        if key in seen:
            problems.append(f"row {row.id}: same text as row {seen[key]}")
        seen.setdefault(key, row.id)
    if not problems:
        if not rows:
            problems.append("no rows")
        elif both_classes and len({r.label for r in rows}) < 2:
            problems.append(f"only one class ({rows[0].label}); training needs both {' and '.join(CLASSES)}")
