"""Save, verify and load versioned model artifacts: ``<name>-v<N>.model.json`` beside ``<name>-v<N>.json``.

The model file holds the fitted parameters as plain JSON (``scorer.model.AdditiveModel``); the
metadata file says what it is: format, version, feature schema (with the hash of every
lexicon the features read), training data hash, metrics, library versions and the model
file's sha256. Loading reads both with a size cap, checks format, hash and schema, then
rebuilds the model from numbers, checking every field. Nothing is unpickled, so no model
file, forged or not, can run code; and no library's private internals are relied on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.errors import ModelError
from scorer.features import model_feature_directions, model_feature_names, schema_record
from scorer.model import AdditiveModel
from scorer.resources import Language, language

FORMAT = "sourcescore-model"
FORMAT_VERSION = 2
DEFAULT_NAME = "sourcescore"
MODEL_SUFFIX = ".model.json"
MAX_METADATA_BYTES = 1 << 20
MAX_MODEL_BYTES = 16 << 20
_VERSIONED = re.compile(r"^(?P<name>.+)-v(?P<version>\d+)\.model\.json$")
_ANY_VERSION = re.compile(r"^(?P<name>.+)-v(?P<version>\d+)\.(?:model\.json|json|joblib)$")  # older pickles count too
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class WarningOnVersion(UserWarning):
    """The model was trained with another textstat than the one installed (features may differ)."""


@dataclass
class Artifact:
    """A loaded, verified model and its metadata."""

    model: AdditiveModel
    metadata: dict[str, Any]
    path: Path

    @property
    def version(self) -> str:
        return f"{self.metadata['name']}-v{self.metadata['model_version']}"

    @property
    def language(self) -> Language:
        """The language the model reads texts with (its word lists, patterns and sentence models)."""
        return model_language(self.metadata, self.path)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    """Versions of the libraries a model's behaviour depends on."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for lib in ("scikit-learn", "numpy", "textstat", "sourcescore"):
        try:
            found[lib] = version(lib)
        except PackageNotFoundError:
            found[lib] = "not installed"
    return found


def model_path(path: str | os.PathLike[str]) -> Path:
    """The parameter file of a model named by either of its two files; refuses pickles."""
    path = Path(path)
    name = path.name
    if name.endswith(MODEL_SUFFIX):
        return path
    if path.suffix in {".joblib", ".pkl", ".pickle"}:
        raise ModelError(
            f"{path}: pickled models are not loaded (a pickle can run code); use a {MODEL_SUFFIX} model "
            "or retrain with `scorer train`"
        )
    if path.suffix == ".json":
        return path.with_name(name[: -len(".json")] + MODEL_SUFFIX)
    raise ModelError(f"{path}: not a model file (expected NAME-vN{MODEL_SUFFIX} or its NAME-vN.json)")


def metadata_path(path: Path) -> Path:
    """``NAME-vN.json`` beside ``NAME-vN.model.json``."""
    return path.with_name(path.name[: -len(MODEL_SUFFIX)] + ".json")


def check_name(name: str) -> str:
    """A model name that is a plain file-name stem (no folders, no dot first)."""
    if not _NAME.match(name):
        raise ModelError(f"model name {name!r}: use letters, digits, '.', '_' or '-' (no folders), at most 100")
    return name


def next_version(directory: Path, name: str) -> int:
    """One more than the highest version of ``name`` in ``directory`` (any format)."""
    versions = [
        int(m["version"])
        for p in directory.glob(f"{name}-v*")
        if (m := _ANY_VERSION.match(p.name)) and m["name"] == name
    ]
    return max(versions, default=0) + 1


def save(
    model: AdditiveModel,
    metadata: dict[str, Any],
    directory: Path,
    name: str = DEFAULT_NAME,
    version: int | None = None,
    lang: Language | None = None,
) -> Path:
    """Write a new version of ``name`` (the next free one, or ``version`` if it is free); never overwrites one.
    ``lang``: the language its features were read with (default: the shipped model's)."""
    check_name(name)
    directory.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(directory)
    payload = (json.dumps(model.to_record(), sort_keys=True) + "\n").encode("utf-8")
    tmp = _write_temp(directory, payload, MODEL_SUFFIX)
    try:
        while True:
            number = version or next_version(directory, name)
            path = directory / f"{name}-v{number}{MODEL_SUFFIX}"
            try:
                os.link(tmp, path)  # fails if the version exists: the version number is claimed atomically
                break
            except FileExistsError:
                if version:
                    raise ModelError(f"{path} exists; versions are never overwritten") from None
        record = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": name,
            "model_version": number,
            "feature_schema": schema_record(lang),
            "classes": list(model.classes_),
            "threshold": model.threshold,
            "libraries": library_versions(),
            **metadata,
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
        meta_tmp = None
        try:
            meta_tmp = _write_temp(directory, (json.dumps(record, indent=2, sort_keys=True) + "\n").encode(), ".json")
            os.replace(meta_tmp, metadata_path(path))
        except BaseException:
            path.unlink(missing_ok=True)
            if meta_tmp is not None:
                meta_tmp.unlink(missing_ok=True)
            raise
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _read_capped(path: Path, cap: int, what: str) -> bytes:
    """The bytes of a regular file of at most ``cap`` bytes (never blocks on a FIFO or device)."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise ModelError(f"{path}: no such {what}") from exc
    except OSError as exc:
        raise ModelError(f"{path}: cannot read {what} ({exc.strerror})") from exc
    if not stat.S_ISREG(info.st_mode):
        raise ModelError(f"{path}: {what} is not a regular file")
    if info.st_size > cap:
        raise ModelError(f"{path}: {what} is {info.st_size:,} bytes, over the {cap:,} limit")
    try:
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)
    except OSError as exc:
        raise ModelError(f"{path}: cannot read {what} ({exc.strerror})") from exc
    if len(data) > cap:
        raise ModelError(f"{path}: {what} is over the {cap:,} byte limit")
    return data


def _parse_json(data: bytes, path: Path, what: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"{path}: {what} is not valid JSON ({exc})") from exc
    except RecursionError as exc:
        raise ModelError(f"{path}: {what} is nested too deeply to be a model") from exc


def read_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The checked metadata of a model (named by either file); raises ``ModelError``."""
    params = model_path(path)
    meta_path = metadata_path(params)
    if not params.exists():
        raise ModelError(f"{params}: no such model file")
    if not meta_path.exists():
        raise ModelError(f"{params}: metadata {meta_path.name} is missing; refusing an unverifiable model")
    metadata = _parse_json(_read_capped(meta_path, MAX_METADATA_BYTES, "model metadata"), meta_path, "metadata")
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise ModelError(f"{meta_path}: not sourcescore model metadata")
    if metadata.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{meta_path}: metadata format {metadata.get('format_version')!r}, this scorer reads {FORMAT_VERSION}"
        )
    problems = [
        key
        for key, ok in (
            ("name", isinstance(metadata.get("name"), str) and bool(_NAME.match(metadata["name"]))),
            (
                "model_version",
                isinstance(metadata.get("model_version"), int) and not isinstance(metadata.get("model_version"), bool),
            ),
            ("sha256", isinstance(metadata.get("sha256"), str) and bool(_SHA256.match(metadata["sha256"]))),
            (
                "libraries",
                isinstance(metadata.get("libraries"), dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in metadata["libraries"].items()),
            ),
            ("classes", isinstance(metadata.get("classes"), list)),
        )
        if not ok
    ]
    if problems:
        raise ModelError(f"{meta_path}: metadata field {problems[0]!r} is missing or malformed")
    return metadata


def model_language(metadata: dict[str, Any], where: Path) -> Language:
    """The language whose word lists, patterns and sentence models a model's features were read with."""
    schema = metadata.get("feature_schema")
    code = schema.get("language") if isinstance(schema, dict) else None
    try:
        return language(str(code))
    except ValueError:
        raise ModelError(f"{where}: a model for language {code!r}, which this package has no word lists for") from None


def verify(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Check a model's files against each other and against the code; returns the metadata."""
    return _verified(path)[1]


def _verified(path: str | os.PathLike[str]) -> tuple[bytes, dict[str, Any]]:
    params = model_path(path)
    metadata = read_metadata(params)
    data = _read_capped(params, MAX_MODEL_BYTES, "model file")
    actual = hashlib.sha256(data).hexdigest()
    if actual != metadata["sha256"]:
        raise ModelError(
            f"{params}: sha256 {actual[:12]}... does not match its metadata; the file was changed or truncated"
        )
    if metadata.get("feature_schema") != schema_record(model_language(metadata, params)):
        raise ModelError(
            f"{params}: trained on another feature schema or lexicon than this scorer has; retrain it with `scorer train`"
        )
    trained = metadata["libraries"].get("textstat")
    installed = library_versions()["textstat"]
    if trained != installed:
        warnings.warn(
            f"{params.name} was trained with textstat {trained}, this is {installed}; readability may differ",
            WarningOnVersion,
            stacklevel=3,
        )
    return data, metadata


def load(path: str | os.PathLike[str]) -> Artifact:
    """Verify, then rebuild the model from its numbers; raises ``ModelError`` on any problem."""
    params = model_path(path)
    data, metadata = _verified(params)
    model = AdditiveModel.from_record(
        _parse_json(data, params, "model file"), model_feature_names(), model_feature_directions()
    )
    if metadata["classes"] != list(model.classes_):
        raise ModelError(f"{params}: classes differ from its metadata")
    if "threshold" in metadata and metadata["threshold"] != model.threshold:
        raise ModelError(f"{params}: threshold {metadata['threshold']!r} in its metadata differs from the model's")
    return Artifact(model, metadata, params)


def default_model_path() -> Path:
    """The newest shipped model: inside the installed package, else the repository's models/."""
    here = Path(__file__).resolve().parent
    for folder in (here / "models", here.parent / "models"):
        found = sorted(
            (int(m["version"]), p)
            for p in folder.glob(f"{DEFAULT_NAME}-v*{MODEL_SUFFIX}")
            if (m := _VERSIONED.match(p.name)) and m["name"] == DEFAULT_NAME
        )
        if found:
            return found[-1][1]
    raise ModelError("no shipped model found; reinstall sourcescore or pass --model PATH")


STALE_TEMP_SECONDS = 3600


def _remove_stale_temps(directory: Path) -> None:
    """Temporary files an earlier, killed save left behind (older than an hour: no save takes that long)."""
    import time

    for leftover in directory.glob(".tmp-*"):
        try:
            if time.time() - leftover.stat().st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()
        except OSError:
            continue


def _write_temp(directory: Path, payload: bytes, suffix: str) -> Path:
    """A fully written, fsynced temporary file in ``directory``, with the umask's permissions."""
    fd, name = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=suffix)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)
