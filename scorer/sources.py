"""Source quality: per-article results aggregated into one row per outlet, author or month.

A source's speculative share is a binomial proportion. Each row carries a Wilson score
interval, and rows are ranked by its lower bound, so a source seen in three articles is never
ranked as if its share were known.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from scorer.documents import iter_lines
from scorer.errors import InputError
from scorer.escapes import csv_line, json_line, one_line
from scorer.features import feature_names

LABELS = ("reported", "speculative")
SPECULATIVE = "speculative"
REQUIRED = ("path", "label", "p_speculative")  # the fields every result record has
JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")  # a results file in JSON Lines; else CSV (".csv")
BOILERPLATE = "boilerplate_line_share"
MISSING = "(none)"  # the key of a row whose grouping value is missing
TOP_CUES = 5
METRICS = (
    "n",
    "speculative",
    "share",
    "low",
    "high",
    "mean_p",
    "boilerplate_share",
    "errors",
    "top_cues",
    "most_speculative",
    "least_speculative",
)
FORMATS = ("text", "json", "csv")
DERIVED = {"domain": "the host of a url column, else of URL ids", "month": "YYYY-MM of a date column"}
# A URL's host. A url column may omit the scheme; an id counts as a URL only with http(s):// or
# www., so a file path is never taken for a domain. A backslash ends the host, as browsers read
# it (http://evil.com\@good.com/ is evil.com). Java regexes too: spark_sources uses them.
URL_HOST = r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:[^@/\\?#\s]*@)?([^/\\?#:@\s]+)"
ID_HOST = r"^\s*(?:[Hh][Tt][Tt][Pp][Ss]?://|(?=[Ww][Ww][Ww]\.))(?:[^@/\\?#\s]*@)?([^/\\?#:@\s]+)"
ISO_MONTH = r"^\s*(\d{4}-\d{2})"


def wilson_interval(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of the share ``k / n``; ``(0, 1)`` when ``n`` is 0.

    Why Wilson rather than the textbook share ± z·SE (Wald): Wald gives a zero-width interval
    at k = 0 or k = n and bounds outside [0, 1] for small n. Wilson stays inside [0, 1], keeps
    close to its nominal coverage for small n and for shares near 0 or 1, and is wide when the
    evidence is thin: one reported article gives [0, 0.79], not "0% speculative".
    """
    low, high = wilson_bounds(np.array([k]), np.array([n]), confidence)
    return float(low[0]), float(high[0])


def wilson_bounds(k: Any, n: Any, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised ``wilson_interval``: arrays of lower and upper bounds."""
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    if np.any(k < 0) or np.any(k > n):
        raise ValueError("need 0 <= k <= n")
    z2 = z_score(confidence) ** 2
    spread = np.divide(k * (n - k), n, out=np.zeros_like(n), where=n > 0)
    centre = (k + z2 / 2) / (n + z2)
    half = math.sqrt(z2) / (n + z2) * np.sqrt(spread + z2 / 4)
    low = np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0))  # exact at the ends, not 1e-17 off
    return low, np.where(k == n, 1.0, np.clip(centre + half, 0.0, 1.0))


def z_score(confidence: float) -> float:
    """The two-sided normal quantile of ``confidence`` (1.96 for 0.95)."""
    return NormalDist().inv_cdf((1 + confidence) / 2)


def parse_by(by: str | Sequence[str]) -> list[str]:
    """Grouping keys from ``"outlet,month"`` or a list of names."""
    keys = [k.strip() for k in (by.split(",") if isinstance(by, str) else by)]
    keys = [k for k in keys if k]
    if not keys:
        raise InputError("nothing to group by: name at least one column")
    if len(set(keys)) < len(keys):
        raise InputError(f"a grouping key is repeated: {', '.join(keys)}")
    return keys


def score_sources(
    frame: pd.DataFrame,
    by: str | Sequence[str] = "domain",
    min_n: int = 1,
    confidence: float = 0.95,
    id_col: str = "path",
) -> pd.DataFrame:
    """One row per source: the keys, then ``METRICS``, ranked by ``low`` (highest first).

    A key that is a column is used as is; ``domain`` and ``month`` are otherwise derived
    (``DERIVED``). Error rows count only in ``errors``. ``top_cues`` are the commonest own-voice
    cues of the evidence's hedged sentences (its top three per article); ``most_speculative``
    and ``least_speculative`` are the ``id_col`` values at the highest and lowest p_speculative.
    Groups with fewer than ``min_n`` scored articles are left out.
    """
    keys = parse_by(by)
    absent = [c for c in ("label", "p_speculative") if c not in frame.columns]
    if absent:
        raise InputError(f"not per-article results: no {', '.join(absent)} column")
    if min_n < 0:
        raise ValueError(f"min_n must be >= 0, not {min_n}")
    p = pd.to_numeric(frame["p_speculative"], errors="coerce")
    error = frame["error"] if "error" in frame.columns else pd.Series(None, index=frame.index, dtype=object)
    ok = (error.isna() | error.astype(str).str.strip().eq("")) & frame["label"].isin(LABELS) & p.notna()
    ids = frame[id_col] if id_col in frame.columns else pd.Series(frame.index, index=frame.index)
    evidence = frame["evidence"] if "evidence" in frame.columns else pd.Series(None, index=frame.index, dtype=object)

    work = pd.DataFrame({key: key_column(frame, key, id_col) for key in keys})
    work["__ok"], work["__failed"] = ok, ~ok
    work["__spec"] = ok & frame["label"].eq(SPECULATIVE)
    work["__p"] = p.where(ok)
    bp = pd.to_numeric(frame[BOILERPLATE], errors="coerce") if BOILERPLATE in frame.columns else np.nan
    work["__bp"] = pd.Series(bp, index=frame.index, dtype=float).where(ok)
    work["__id"] = ids.astype(str).where(ok)
    work["__cues"] = [_cues(e) if good else [] for e, good in zip(evidence, ok, strict=True)]

    groups = work.groupby(keys, sort=False)
    out = groups.agg(
        n=("__ok", "sum"),
        speculative=("__spec", "sum"),
        mean_p=("__p", "mean"),
        boilerplate_share=("__bp", "mean"),
        errors=("__failed", "sum"),
        top_cues=("__cues", _top_cues),
    )
    for name, descending in (("most_speculative", True), ("least_speculative", False)):
        ranked = work.sort_values("__p", ascending=not descending, kind="stable", na_position="last")
        out[name] = ranked.groupby(keys, sort=False)["__id"].first()  # skips error rows; ties: first in input
    out["share"] = (out["speculative"] / out["n"]).where(out["n"] > 0)
    out["low"], out["high"] = wilson_bounds(out["speculative"], out["n"], confidence)
    out = out[out["n"] >= min_n].reset_index()
    out = out.sort_values(["low", "share", "n"], ascending=False, kind="stable", na_position="last")
    return out[[*keys, *METRICS]].reset_index(drop=True)


def key_column(frame: pd.DataFrame, key: str, id_col: str = "path") -> pd.Series:
    """The grouping values of ``key`` (a column, or derived); missing or blank ones become ``MISSING``."""
    if key in frame.columns:
        values = frame[key]
    elif key == "domain":
        values = _domains(frame, id_col)
    elif key == "month":
        if "date" not in frame.columns:
            raise InputError("month is derived from a date column, and the results have none")
        values = _months(frame["date"])
    else:
        columns = [str(c) for c in frame.columns if c not in {*feature_names(), "evidence"}]
        derived = "; ".join(f"{k}: {v}" for k, v in DERIVED.items())
        raise InputError(
            f"no column {key!r} to group by (columns besides features: {', '.join(columns)}; derived: {derived})"
        )
    values = values.map(_hashable)
    blank = values.isna() | values.astype(str).str.strip().eq("")
    return values.astype(object).mask(blank, MISSING)


def _hashable(value: Any) -> Any:
    """A grouping value: a list or object cell (JSON results can hold them) becomes its JSON text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, list | dict) else value


def _domains(frame: pd.DataFrame, id_col: str) -> pd.Series:
    hosts = pd.Series(pd.NA, index=frame.index, dtype="string")
    for column, pattern in (("url", URL_HOST), (id_col, ID_HOST)):
        if column in frame.columns:
            found = frame[column].astype("string").str.extract(pattern, expand=False)
            hosts = hosts.fillna(found)
    hosts = hosts.map(normalise_host, na_action="ignore").astype("string")
    if len(frame) and hosts.isna().all():
        raise InputError("no URL to take a domain from: give the results a url column, or score with --id-column url")
    return hosts


def normalise_host(host: str | None) -> str | None:
    """One spelling per host: full-width and other compatibility forms folded (NFKC), lower case, no
    trailing dot, no ``www.``, and punycode labels shown as the Unicode they encode (``xn--bcher-kva``
    and ``bücher`` are one outlet). A host the IDNA codec cannot read is kept as folded."""
    if host is None:  # a null from Spark
        return None
    host = unicodedata.normalize("NFKC", host).lower().rstrip(".")
    try:
        host = host.encode("idna").decode("idna")
    except UnicodeError:
        pass
    return host.removeprefix("www.")


def _months(dates: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(dates):
        return dates.dt.strftime("%Y-%m")
    text = dates.astype("string")
    months = text.str.extract(ISO_MONTH, expand=False)
    rest = months.isna() & text.notna()
    if rest.any():  # other spellings ("Sep 20, 2016"): parsed, in UTC
        parsed = pd.to_datetime(text[rest], errors="coerce", format="mixed", utc=True)
        months[rest] = parsed.dt.strftime("%Y-%m")
    return months


def _cues(evidence: Any) -> list[str]:
    """The lower-cased cues of an evidence record's hedged sentences (a dict, or its JSON)."""
    if isinstance(evidence, str):
        try:
            evidence = json.loads(evidence)
        except ValueError:
            return []
    if not isinstance(evidence, dict):
        return []
    sentences = evidence.get("hedged_sentences") or []
    return [str(c).lower() for s in sentences if isinstance(s, dict) for c in s.get("cues") or []]


def _top_cues(cue_lists: Iterable[list[str]]) -> str:
    counts = Counter(c for cues in cue_lists for c in cues)
    return ", ".join(c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_CUES])


def read_results(
    paths: str | PathLike[str] | Iterable[str | PathLike[str]], full_evidence: bool = False
) -> pd.DataFrame:
    """The rows of result files of ``score -f json`` (JSON Lines) or ``score -f csv``; ``-`` is stdin.

    The format comes from the suffix (``.jsonl``/``.json``/``.ndjson``, ``.csv``), else from the
    first character. JSON ``features`` become one column per feature, as in the CSV; ``evidence``
    stays a dict: the hedged sentences' cues only (all a sources table reads, so memory grows with
    the rows), or all of it with ``full_evidence``. Extra fields (url, author, date...) are kept.
    ``InputError`` names the file and line of a malformed record.
    """
    names = [paths] if isinstance(paths, str | PathLike) else list(paths)
    if not names:
        raise InputError("no results file given")
    frames = [_read_one(str(name), full_evidence) for name in names]
    full = [f for f in frames if len(f)]
    return pd.concat(full, ignore_index=True) if len(full) > 1 else (full or frames)[0]


def looks_like_results(name: str, text_column: str = "text") -> bool:
    """Whether a file is a results file of ``score`` (its first record has the result fields and no
    ``text_column``), not documents to score: what ``report`` reads back instead of scoring."""
    path = Path(name)
    suffix = path.suffix.lower()
    if suffix not in (*JSON_SUFFIXES, ".csv") or not path.is_file():
        return False
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            first = next((line for line in iter(lambda: stream.readline(1 << 22), "") if line.strip()), "")
    except (OSError, UnicodeDecodeError):
        return False  # the documents reader says what is wrong with it
    if suffix == ".csv":
        fields = next(csv.reader([first]), [])
    else:
        try:
            record = json.loads(first)
        except (ValueError, RecursionError):
            return False
        fields = list(record) if isinstance(record, dict) else []
    return text_column not in fields and all(f in fields for f in REQUIRED)


def _read_one(name: str, full_evidence: bool) -> pd.DataFrame:
    try:
        stream = sys.stdin if name == "-" else open(name, encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        head = stream.read(1 << 16)
        suffix = Path(name).suffix.lower()
        as_json = suffix in JSON_SUFFIXES or (suffix != ".csv" and head.lstrip().startswith("{"))
        rest = _Rest(head, stream)
        records = (
            _json_records(name, iter_lines(rest), full_evidence)
            if as_json
            else _csv_records(name, head + stream.read())
        )
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    finally:
        if stream is not sys.stdin:
            stream.close()
    if not records:
        return pd.DataFrame(
            {c: pd.Series(dtype=float if c == "p_speculative" else object) for c in (*REQUIRED, "error")}
        )
    frame = pd.DataFrame.from_records(records)
    if not as_json:  # CSV cells are text: the score and feature columns become numbers
        for column in ("probability", *feature_names()):
            if column in frame.columns:
                frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


class _Rest:
    """A text stream whose first block was already read to tell its format."""

    def __init__(self, head: str, stream: Any) -> None:
        self.head, self.stream = head, stream

    def read(self, size: int = -1) -> str:
        if self.head:
            block, self.head = self.head, ""
            return block
        return self.stream.read(size)


def _json_records(name: str, lines: Iterable[str], full_evidence: bool) -> list[dict[str, Any]]:
    """Records read line by line, their evidence cut to the hedged sentences' cues unless ``full_evidence``."""
    records = []
    for number, line in enumerate(lines, start=1):  # newlines only: U+2028 may sit in a string
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{name}:{number}: not valid JSON ({getattr(exc, 'msg', exc)})") from None
        if not isinstance(record, dict):
            raise InputError(f"{name}:{number}: not a JSON object")
        if not isinstance(record.get("features") or {}, dict):
            raise InputError(f"{name}:{number}: features is not an object")
        if isinstance(record.get("evidence"), dict) and not full_evidence:
            record["evidence"] = {"hedged_sentences": [{"cues": _cues(record["evidence"])}]}
        records.append(_checked(name, number, _spread(record)))
    return records


def _spread(record: dict[str, Any]) -> dict[str, Any]:
    """A JSON result record with its ``features`` as top-level fields (as in the CSV)."""
    features = record.pop("features", None) or {}
    record.update({k: v for k, v in features.items() if k not in record})
    return record


def results_frame(results: Iterable[Any], evidence: bool = True) -> pd.DataFrame:
    """``Result`` objects (``score_many``, ``Scorer.score_texts``, ``Result.from_record``) as the rows
    ``read_results`` gives, with the input columns each carries (``kept``)."""
    return pd.DataFrame.from_records([_spread(r.to_dict(evidence, kept=list(r.kept or {}))) for r in results])


def _csv_records(name: str, text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    records = []
    try:
        header = reader.fieldnames or []
        absent = [c for c in REQUIRED if c not in header]
        if absent:
            columns = ", ".join(header)
            raise InputError(
                f"{name}: not a results table of score -f csv: no {', '.join(absent)} column"
                f" (header: {columns if len(columns) <= 80 else columns[:79] + '…'})"
            )
        for row in reader:
            if None in row or None in row.values():
                raise InputError(f"{name}:{reader.line_num}: the row does not have the header's {len(header)} fields")
            records.append(_checked(name, reader.line_num, {k: (v if v != "" else None) for k, v in row.items()}))
    except csv.Error as exc:
        raise InputError(f"{name}:{reader.line_num}: malformed CSV ({exc})") from None
    return records


def _checked(name: str, line: int, record: dict[str, Any]) -> dict[str, Any]:
    absent = [f for f in REQUIRED if f not in record]
    if absent:
        raise InputError(f"{name}:{line}: not a result record: no {', '.join(absent)}")
    if record["label"] not in (None, *LABELS):
        raise InputError(f"{name}:{line}: label must be reported or speculative, not {record['label']!r}")
    p = record["p_speculative"]
    if p is not None:
        try:
            p = float(p)
        except (TypeError, ValueError, OverflowError):
            raise InputError(f"{name}:{line}: p_speculative is not a number: {p!r}") from None
        if not 0 <= p <= 1:
            raise InputError(f"{name}:{line}: p_speculative must be between 0 and 1, not {p}")
    record["p_speculative"] = p
    return record


def render(table: pd.DataFrame, fmt: str) -> str:
    """``score_sources`` output as an aligned text table, JSON Lines or CSV (numbers to 4 places)."""
    if fmt == "json":
        return "".join(json_line({k: _plain(v) for k, v in row.items()}) for row in table.to_dict("records"))
    if fmt == "csv":
        return csv_line(table.columns) + "".join(
            csv_line(_csv_cell(v) for v in row) for row in table.itertuples(index=False, name=None)
        )
    if fmt == "text":
        return format_table(table)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def _csv_cell(value: Any) -> Any:
    plain = _plain(value)
    return f"{plain:.4f}" if isinstance(plain, float) else plain


def _plain(value: Any) -> Any:
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else round(float(value), 4)
    return value.item() if isinstance(value, np.generic) else value


def format_table(table: pd.DataFrame) -> str:
    """An aligned table: keys, n, speculative count, share with its interval, mean p, boilerplate, errors, cues."""
    keys = [c for c in table.columns if c not in METRICS]
    header = [*keys, "n", "spec", "share", "interval", "mean_p", "boilerplate", "errors", "top cues"]

    def num(value: float) -> str:
        return "-" if pd.isna(value) else f"{value:.2f}"

    rows = [
        [
            *(one_line(str(r[k])) for k in keys),
            str(r["n"]),
            str(r["speculative"]),
            num(r["share"]),
            f"{r['low']:.2f}-{r['high']:.2f}",
            num(r["mean_p"]),
            num(r["boilerplate_share"]),
            str(r["errors"]),
            one_line(str(r["top_cues"])),
        ]
        for r in table.to_dict("records")
    ]
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    left = set(range(len(keys))) | {len(header) - 1}
    lines = []
    for line in [header, *rows]:
        cells = [
            cell.ljust(w) if i in left else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
