"""Save, verify and load versioned model artifacts: ``<name>-v<N>.joblib`` beside ``.json``.

Loading checks, in order and before any byte is unpickled: the metadata exists and has a
known format; the model file's sha256 matches it; the feature schema matches the code.
The pickle is then read by an unpickler that only resolves an allow-list of classes, so a
crafted file cannot run code even if its metadata was forged to match.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.errors import ModelError
from scorer.features import schema_record

FORMAT = "sourcescore-model"
FORMAT_VERSION = 1
DEFAULT_NAME = "sourcescore"
_VERSIONED = re.compile(r"^(?P<name>.+)-v(?P<version>\d+)\.joblib$")

# (module prefix, class or function name) that a model pickle may reference.
_ALLOWED_GLOBALS = {
    ("sklearn.pipeline", "Pipeline"),
    ("sklearn.preprocessing._data", "StandardScaler"),
    ("sklearn.preprocessing._data", "QuantileTransformer"),
    ("sklearn.linear_model._logistic", "LogisticRegression"),
    ("joblib.numpy_pickle", "NumpyArrayWrapper"),
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "scalar"),
    ("numpy.dtypes", "Float64DType"),
    ("numpy.dtypes", "Int64DType"),
    ("numpy.dtypes", "ObjectDType"),
    ("numpy.dtypes", "StrDType"),
    ("builtins", "slice"),
}


class WarningOnVersion(UserWarning):
    """The model was trained with other library versions than those installed."""


@dataclass
class Artifact:
    """A loaded, verified model and its metadata."""

    pipeline: Any
    metadata: dict[str, Any]
    path: Path

    @property
    def version(self) -> str:
        return f"{self.metadata['name']}-v{self.metadata['model_version']}"


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
    for lib in ("scikit-learn", "numpy", "joblib", "textstat", "sourcescore"):
        try:
            found[lib] = version(lib)
        except PackageNotFoundError:
            found[lib] = "not installed"
    return found


def metadata_path(model_path: Path) -> Path:
    return model_path.with_suffix(".json")


def next_version(directory: Path, name: str) -> int:
    """One more than the highest version of ``name`` in ``directory``."""
    versions = [int(m["version"]) for p in directory.glob(f"{name}-v*.joblib") if (m := _VERSIONED.match(p.name)) and m["name"] == name]
    return max(versions, default=0) + 1


def save(pipeline: Any, metadata: dict[str, Any], directory: Path, name: str = DEFAULT_NAME) -> Path:
    """Write a new version of ``name`` (never overwriting one), atomically; returns its path."""
    import joblib

    directory.mkdir(parents=True, exist_ok=True)
    version = next_version(directory, name)
    path = directory / f"{name}-v{version}.joblib"
    tmp = _temp_path(directory)
    try:
        joblib.dump(pipeline, tmp)
        record = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": name,
            "model_version": version,
            "feature_schema": schema_record(),
            "classes": list(pipeline.classes_),
            "libraries": library_versions(),
            **metadata,
            "sha256": sha256_of(tmp),
        }
        _atomic_write_text(metadata_path(path), json.dumps(record, indent=2, sort_keys=True) + "\n")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def read_metadata(path: Path) -> dict[str, Any]:
    """The metadata of a model file, checked for format; raises ``ModelError``."""
    meta_path = metadata_path(path)
    if not path.is_file():
        raise ModelError(f"{path}: no such model file")
    try:
        metadata = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"{path}: metadata {meta_path.name} is missing; refusing an unverifiable model") from exc
    except (OSError, ValueError) as exc:
        raise ModelError(f"{meta_path}: unreadable metadata ({exc})") from exc
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise ModelError(f"{meta_path}: not sourcescore model metadata")
    if metadata.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{meta_path}: metadata format {metadata.get('format_version')!r}, this scorer reads {FORMAT_VERSION}"
        )
    return metadata


def verify(path: Path) -> dict[str, Any]:
    """Check a model file against its metadata and the code; returns the metadata."""
    metadata = read_metadata(path)
    actual = sha256_of(path)
    if actual != metadata.get("sha256"):
        raise ModelError(f"{path}: sha256 {actual[:12]}... does not match its metadata; the file was changed or truncated")
    if metadata.get("feature_schema") != schema_record():
        raise ModelError(
            f"{path}: trained on another feature schema than this scorer computes; retrain it with `scorer train`"
        )
    installed = library_versions()["scikit-learn"]
    trained = metadata.get("libraries", {}).get("scikit-learn")
    if trained != installed:
        warnings.warn(
            f"{path.name} was trained with scikit-learn {trained}, this is {installed}; scores may differ",
            WarningOnVersion,
            stacklevel=2,
        )
    return metadata


def load(path: str | os.PathLike[str]) -> Artifact:
    """Verify, then unpickle with the allow-list; raises ``ModelError`` on any mismatch."""
    path = Path(path)
    metadata = verify(path)
    try:
        pipeline = _restricted_load(path)
    except ModelError:
        raise
    except Exception as exc:  # a corrupt pickle can raise almost anything
        raise ModelError(f"{path}: cannot be read as a model ({type(exc).__name__}: {exc})") from exc
    if list(getattr(pipeline, "classes_", [])) != metadata.get("classes"):
        raise ModelError(f"{path}: classes differ from its metadata")
    return Artifact(pipeline, metadata, path)


def _restricted_load(path: Path) -> Any:
    from joblib.numpy_pickle import NumpyUnpickler

    class AllowListUnpickler(NumpyUnpickler):
        def find_class(self, module: str, name: str) -> Any:
            if (module, name) not in _ALLOWED_GLOBALS:
                raise ModelError(f"{path}: refers to {module}.{name}, which a model may not use; not loading it")
            return super().find_class(module, name)

    with open(path, "rb") as fh:
        return AllowListUnpickler(str(path), fh, ensure_native_byte_order=True).load()


def default_model_path() -> Path:
    """The newest shipped model: inside the installed package, else the repository's models/."""
    here = Path(__file__).resolve().parent
    for folder in (here / "models", here.parent / "models"):
        found = sorted(
            (int(m["version"]), p)
            for p in folder.glob(f"{DEFAULT_NAME}-v*.joblib")
            if (m := _VERSIONED.match(p.name)) and m["name"] == DEFAULT_NAME
        )
        if found:
            return found[-1][1]
    raise ModelError("no shipped model found; reinstall sourcescore or pass --model PATH")


def _temp_path(directory: Path) -> Path:
    fd, name = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".joblib")
    os.close(fd)
    return Path(name)


def _atomic_write_text(path: Path, text: str) -> None:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
