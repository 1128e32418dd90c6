"""Reading files: every bad input gets a clear error, good encodings are decoded."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from scorer.documents import decode, read_document
from scorer.errors import InputError

TEXT = "The minister said on Monday that £5 million was café money."


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"],
)
def test_encodings_decode(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read_document(path) == TEXT


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        (b"abc\x00def", "binary"),
    ],
)
def test_bad_content(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_document(path)


def test_zip_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "hello")
    with pytest.raises(InputError, match="binary"):
        read_document(path)


def test_huge_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(InputError, match="limit"):
        read_document(path, max_bytes=100)


def test_directory_missing_and_loop(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="symlink loop|no such file|cannot read"):
        read_document(loop)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(TEXT)
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: simulate the refusal the OS would give
        real_open = open

        def deny(file, *args, **kwargs):
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied")
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(InputError, match="permission denied"):
        read_document(path)


def test_real_latin1_file_from_bbc() -> None:
    path = Path(__file__).resolve().parents[2] / "shared/data/bbc-news-2225/bbc/sport/199.txt"
    if not path.exists():
        pytest.skip(f"{path} not present (shared data is beside the repository only in this workplace)")
    assert "£" in read_document(path)


def test_decode_refuses_garbage() -> None:
    with pytest.raises(InputError):
        decode(bytes(range(1, 32)) * 100)
