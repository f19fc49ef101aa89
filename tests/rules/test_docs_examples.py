"""docs/rules.md cannot drift from the code: its worked examples are run and its parameter table is
the YAML's.

    .venv/bin/python -m tests.rules.test_docs_examples   # rewrite the parameter table in the docs
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from indsats.cli.rules import app

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
_BLOCK = re.compile(r"```(json|console|text) example=(\S+)\n(.*?)```", re.S)
_TABLE_START = "<!-- parameters:start -->"
_TABLE_END = "<!-- parameters:end -->"


def _examples() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for kind, name, body in _BLOCK.findall(DOC.read_text(encoding="utf-8")):
        found.setdefault(name, {})[kind] = body
    return found


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("name", sorted(_examples()))
def test_worked_example_runs_as_documented(name: str, tmp_path: Path) -> None:
    example = _examples()[name]
    assert "console" in example and "text" in example, f"example {name} needs a command and output"
    command = example["console"].strip()
    assert command.startswith("$ indsats rules "), command
    args = shlex.split(command[len("$ indsats rules ") :])
    if "json" in example:
        case = tmp_path / "CASE.json"
        case.write_text(example["json"], encoding="utf-8")
        args = [str(case) if a == "CASE.json" else a for a in args]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    # the docs wrap long lines; the words must be the same, in the same order
    assert _words(res.stdout) == _words(example["text"]), res.stdout


def test_at_least_three_worked_examples() -> None:
    assert len(_examples()) >= 3


# --------------------------------------------------------------------------- parameter table


def _short(key: str, value: Any) -> str:
    if isinstance(value, list) and value and isinstance(value[0], dict) and "holder" in value[0]:
        parts = []
        for b in value:
            window = (
                f"{b['fra']}, {b['foerste_til'] + ' / ' if b.get('foerste_til') else ''}{b['til']}"
            )
            target = "" if b.get("personlig", True) else " target"
            if b.get("foerste_personlig"):
                target += " (nr. 1 a duty)"
            parts.append(f"{b['holder']} {b['antal']}× {b['id']} [{window}]{target}")
        return "; ".join(parts)
    if key == "sygedagpenge.forlaengelse":
        return "; ".join(
            f"{k}: {v['navn']}" + (f" ({v['max_uger']} uger)" if v["max_uger"] else "")
            for k, v in value.items()
        )
    if key == "refusion.trin":
        return "; ".join(
            f"trin {t['trin']}: uge {t['fra_uge']}-{t['til_uge'] or ''} "
            f"{t['refusion']}/{t['medfinansiering']}"
            for t in value
        )
    if key.startswith("overgang."):
        return f"{value['text_da'][:120]}..."
    text = str(value)
    return text if len(text) <= 160 else text[:157] + "..."


def parameter_table() -> str:
    from indsats.rules.parameters import all_parameters

    lines = [
        "| parameter | from | to | value (short) | legal reference | status | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, p in all_parameters().items():
        for v in p.values:
            start = v.valid_from.isoformat()
            if v.from_uncertain:
                start += (
                    f" (placeholder; between {v.from_uncertain[0].isoformat()} and "
                    f"{v.from_uncertain[1].isoformat()})"
                )
            cells = [
                f"`{key}`",
                start,
                v.valid_to.isoformat() if v.valid_to else "",
                _short(key, v.value),
                v.reference,
                v.status,
                v.source,
            ]
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def _doc_table() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split(_TABLE_START, 1)[1].split(_TABLE_END, 1)[0].strip()


def test_parameter_table_in_the_docs_is_the_yaml() -> None:
    assert _doc_table() == parameter_table(), (
        "docs/rules.md's parameter table differs from the YAML files; regenerate it with "
        "`.venv/bin/python -m tests.rules.test_docs_examples`"
    )


if __name__ == "__main__":
    text = DOC.read_text(encoding="utf-8")
    head, rest = text.split(_TABLE_START, 1)
    _, tail = rest.split(_TABLE_END, 1)
    DOC.write_text(
        f"{head}{_TABLE_START}\n{parameter_table()}\n{_TABLE_END}{tail}", encoding="utf-8"
    )
    print(f"rewrote the parameter table in {DOC}")
