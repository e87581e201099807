"""The wheel carries every subpackage, the rules and the models (an installed copy must run)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_for_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "pipeline").rglob("__init__.py")
    }
    assert found <= listed, f"add to pyproject packages: {sorted(found - listed)}"
    assert config["tool"]["setuptools"]["package-dir"]["pipeline._rules"] == "rules"
    assert "models/**/*" in config["tool"]["setuptools"]["package-data"]["pipeline"]


def test_rules_directory_holds_data_only():
    assert not list((ROOT / "rules").rglob("*.py"))
