"""The import-linter contracts (pyproject.toml, docs/architecture.md) fail when an import crosses
a line: `lint-imports` runs on a copy of the source tree in which one module gets one import it
must not have, and must name the broken contract and the import.

A copy, not the real tree: the check must not depend on (or touch) the checkout, and the unchanged
copy is checked too, so a failure can only come from the line the test adds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = [
    c["name"]
    for c in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
]
CORE_IS_PLAIN, CORE_LAYERS, WEB_LAYERS = CONTRACTS


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "src" / "indsats",
        tmp_path / "src" / "indsats",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint_imports(project: Path) -> tuple[int, str]:
    """Exit status and output of lint-imports on `project` (its own copy of `indsats` first on
    the path, ahead of the editable install of the checkout)."""
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", "--no-logo"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # Long contract names wrap in the output; compare with whitespace normalised.
    return done.returncode, " ".join((done.stdout + done.stderr).split())


def _status(output: str, contract: str) -> str:
    for status in ("KEPT", "BROKEN"):
        if f"{contract} {status}" in output:
            return status
    raise AssertionError(f"lint-imports did not report {contract!r}:\n{output}")


def test_the_unchanged_copy_keeps_every_contract(tmp_path: Path) -> None:
    assert len(CONTRACTS) == 3
    code, output = _lint_imports(_copy(tmp_path))
    assert code == 0, output
    assert [_status(output, c) for c in CONTRACTS] == ["KEPT"] * 3


@pytest.mark.parametrize(
    ("module", "line", "broken", "reported"),
    [
        # The example of issue 11: a rule that reaches for Django.
        (
            "rules/obligations.py",
            "import django",
            CORE_IS_PLAIN,
            "indsats.rules.obligations -> django",
        ),
        # The vocabulary below the rules may not use them.
        (
            "domain/cpr.py",
            "import indsats.rules",
            CORE_LAYERS,
            "indsats.domain.cpr -> indsats.rules",
        ),
        # accounts is the bottom app but one; the citizens app sits above it.
        (
            "web/accounts/permissions.py",
            "import indsats.web.citizens",
            WEB_LAYERS,
            "indsats.web.accounts.permissions -> indsats.web.citizens",
        ),
    ],
    ids=["core-imports-django", "domain-imports-rules", "accounts-imports-citizens"],
)
def test_one_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, broken: str, reported: str
) -> None:
    project = _copy(tmp_path)
    path = project / "src" / "indsats" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")

    code, output = _lint_imports(project)

    assert code != 0, output
    assert reported in output, output
    assert {c: _status(output, c) for c in CONTRACTS} == {
        c: "BROKEN" if c == broken else "KEPT" for c in CONTRACTS
    }
