"""pipeline.__version__: the installed distribution's version, else the checkout's pyproject."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import pipeline
from pipeline._version import UNKNOWN, read_version

ROOT = Path(__file__).resolve().parent.parent
DECLARED = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_version_is_the_declared_one():
    # installed (the suite runs in an editable install) or not, it is what pyproject declares
    assert pipeline.__version__ == DECLARED
    assert "__version__" in pipeline.__all__


def test_installed_metadata_comes_first():
    assert read_version("pytest", ROOT / "pyproject.toml") == metadata.version("pytest")


def _pyproject(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, pyproject_text, expected", [
    ("checkout of newsie, never installed", '[project]\nname = "newsie-x"\nversion = "2.3.4"\n', "2.3.4"),
    ("pyproject of another project", '[project]\nname = "other"\nversion = "9.9"\n', UNKNOWN),
    ("dynamic version, none written", '[project]\nname = "newsie-x"\ndynamic = ["version"]\n', UNKNOWN),
    ("broken TOML", '[project\nname = "newsie-x"\n', UNKNOWN),
])
def test_uninstalled_checkout_reads_its_pyproject(tmp_path, name, pyproject_text, expected):
    # "newsie-x" is not installed, so the metadata lookup fails as in a bare checkout
    assert read_version("newsie-x", _pyproject(tmp_path, pyproject_text)) == expected


def test_no_metadata_and_no_pyproject(tmp_path):
    assert read_version("newsie-x", tmp_path / "missing.toml") == UNKNOWN
