"""The package's version: the installed distribution's, else the checkout's ``pyproject.toml``.

Leaf module: imports nothing of ours (``pipeline/__init__.py`` reads it at import, so it stays
cheap: no spaCy, no rules).
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "newsie"
#: What ``__version__`` says when neither the installed metadata nor a pyproject.toml is found.
UNKNOWN = "0+unknown"
_CHECKOUT_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def read_version(distribution: str = DISTRIBUTION, pyproject: Path = _CHECKOUT_PYPROJECT) -> str:
    """The installed version of ``distribution``; in a checkout that was never installed, the
    ``version`` its ``pyproject.toml`` declares (when it declares this distribution).

    >>> read_version("no-such-distribution", Path("/nonexistent/pyproject.toml"))
    '0+unknown'
    """
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        pass
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return UNKNOWN
    if project.get("name") == distribution and isinstance(project.get("version"), str):
        return project["version"]
    return UNKNOWN


__version__ = read_version()
