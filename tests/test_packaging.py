"""The wheel carries every subpackage, the rules and the models (an installed copy must run), and
nothing else at the top of site-packages."""

import fnmatch
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


def test_every_data_file_of_the_package_ships():
    """A file the package reads at run time (the report's CSS and JS, the models) must be package data."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]
    unlisted = []
    for path in (ROOT / "pipeline").rglob("*"):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(ROOT)
        owners = [(pkg, rel.relative_to(Path(*pkg.split(".")))) for pkg in patterns
                  if rel.is_relative_to(Path(*pkg.split(".")))]
        # setuptools' globs: fnmatch's * already crosses directories, so **/ adds nothing
        if not any(fnmatch.fnmatch(inside.as_posix(), glob.replace("**/", ""))
                   for pkg, inside in owners for glob in patterns[pkg]):
            unlisted.append(str(rel))
    assert unlisted == []


def test_rules_directory_holds_data_only():
    assert not list((ROOT / "rules").rglob("*.py"))


def test_the_wheel_installs_one_top_level_package():
    """Only ``pipeline`` goes into site-packages: no ``cli`` module (the checkout's ``cli.py`` is a
    shell over ``pipeline.cli``), no ``train`` package, and the console script points inside.

    Checked on the configuration the wheel is built from (building one needs the build
    requirements from an index); ``pip wheel --no-deps .`` gives ``top_level.txt`` = ``pipeline``."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    assert "py-modules" not in setuptools
    assert {name.split(".")[0] for name in setuptools["packages"]} == {"pipeline"}
    assert set(setuptools.get("package-dir", {})) <= set(setuptools["packages"])
    assert all(target.startswith("pipeline.") for target in config["project"]["scripts"].values())


def test_python_dash_m_pipeline_runs_the_command_line():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "pipeline", "schema"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (ROOT / "schema" / "document.schema.json").read_text(encoding="utf-8")
