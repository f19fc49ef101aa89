"""Where participants come from: a file of person ids with start weeks, or a target group in the
register (an investment case's: everyone on a benefit who reaches a duration in a period).

The product's own data (everyone referred to an offer, a project tag on offers) becomes a list
of `Deltager` in the web app, which knows the citizens' register ids.

File format (CSV, `;` or `,`; the header is line 1; `#` lines are comments):

    person_id;start_uge
    1000123;2021W05
    1000456;2021-02-03

`person_id` is the register's pseudonymous id, read the way the register importer reads ids
(integers as they are, other text hashed the same way). The start is an ISO week (`2021W05`,
`2021-W05`) or a date (`2021-02-03`, `03.02.2021`: the week it falls in). Other columns are
ignored. Every problem is reported with the file, line and field; nothing is evaluated until the
whole file is right.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import ibis.expr.types as ir
import numpy as np

from indsats.evaluation import features
from indsats.evaluation.model import Deltager, EvalueringsFejl
from indsats.register import weeks
from indsats.register.schema import Problem

ID_COLUMNS = ("person_id", "person", "id")
START_COLUMNS = ("start_uge", "start", "startuge", "startdato", "dato", "uge")
MAX_PROBLEMS = 50
_DATE_DK = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def parse_start(text: str) -> int:
    """A start as a week index: an ISO week (2021W05, 2021-W05) or a date (2021-02-03,
    03.02.2021). Raises ValueError with a Danish-free, plain message."""
    t = text.strip()
    m = _DATE_DK.match(t)
    if m:
        return weeks.week_index_of_date(date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return weeks.week_index_of_date(date.fromisoformat(t))
    if re.fullmatch(r"\d{4}\s*-?\s*[Ww]\s*\d{1,2}", t):
        return weeks.parse_week(t)
    raise ValueError("not an ISO week (2021W05) or a date (2021-02-03)")


def _column(header: list[str], names: Sequence[str]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for n in names:
        if n in lowered:
            return lowered.index(n)
    return None


def read_participants_text(text: str, *, name: str = "deltagere.csv") -> list[Deltager]:
    """Parse a participant file's text; EvalueringsFejl lists every problem (file, line, field)."""
    lines = [(no, line) for no, line in enumerate(text.splitlines(), 1)]
    body = [(no, line) for no, line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not body:
        raise EvalueringsFejl(f"{name}: the file is empty (no header and no participants)")
    head_no, head = body[0]
    delimiter = ";" if head.count(";") >= head.count(",") and ";" in head else ","
    rows = list(csv.reader(io.StringIO("\n".join(line for _, line in body)), delimiter=delimiter))
    header = rows[0]
    id_col, start_col = _column(header, ID_COLUMNS), _column(header, START_COLUMNS)
    problems: list[Problem] = []
    if id_col is None:
        problems.append(
            Problem(name, head_no, "person_id", f"missing column (found: {', '.join(header)})")
        )
    if start_col is None:
        problems.append(
            Problem(name, head_no, "start_uge", f"missing column (found: {', '.join(header)})")
        )
    if problems:
        raise EvalueringsFejl("\n".join(str(p) for p in problems))
    assert id_col is not None and start_col is not None
    id_field, start_field = header[id_col].strip(), header[start_col].strip()
    raw_ids: list[str] = []
    parsed: list[tuple[int, int]] = []  # (line, week)
    for (no, _), cells in zip(body[1:], rows[1:], strict=True):
        pid = cells[id_col].strip() if id_col < len(cells) else ""
        start = cells[start_col].strip() if start_col < len(cells) else ""
        if not pid:
            problems.append(Problem(name, no, id_field, "missing person id"))
        if not start:
            problems.append(Problem(name, no, start_field, "missing start week"))
            continue
        try:
            week = parse_start(start)
        except (ValueError, weeks.InvalidWeek) as exc:
            problems.append(Problem(name, no, start_field, str(exc), start))
            continue
        if pid:
            raw_ids.append(pid)
            parsed.append((no, week))
    if not parsed and not problems:
        raise EvalueringsFejl(f"{name}: no participants after the header (line {head_no})")
    from indsats.register.importers import person_id_to_int

    ids = person_id_to_int(np.asarray(raw_ids, dtype=object)) if raw_ids else np.zeros(0)
    first_line: dict[int, int] = {}
    out: list[Deltager] = []
    for (no, week), pid_int in zip(parsed, ids.tolist(), strict=True):
        if pid_int in first_line:
            problems.append(
                Problem(
                    name,
                    no,
                    id_field,
                    f"the person is already a participant (line {first_line[pid_int]}); give one "
                    "start per person",
                )
            )
            continue
        first_line[pid_int] = no
        out.append(Deltager(int(pid_int), week, f"{name}, line {no}"))
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        raise EvalueringsFejl(
            f"{name}: {len(problems)} problem(s), nothing was evaluated:\n  "
            + "\n  ".join(str(p) for p in shown)
            + (f"\n  ... and {more} more" if more else "")
        )
    return out


def read_participants(path: Path | str) -> list[Deltager]:
    """Read a participant file (see the module doc)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EvalueringsFejl(f"{p}: no such file") from None
    except UnicodeDecodeError:
        raise EvalueringsFejl(f"{p.name}: not a UTF-8 text file") from None
    return read_participants_text(text, name=p.name)


def participants_from_target_group(
    register: ir.Table,
    *,
    ydelse: str,
    fra_uge: int,
    til_uge: int,
    kommune: int,
    min_varighed: int = 1,
    med_bestand: bool = True,
) -> list[Deltager]:
    """An investment case's target group as participants: each person on `ydelse` in `kommune`
    whose spell reaches `min_varighed` weeks in weeks fra_uge..til_uge, starting that week; with
    `med_bestand`, persons already past it in the first week start then."""
    if til_uge < fra_uge:
        raise EvalueringsFejl("the target group's period ends before it starts")
    cand = features.candidates(
        register, list(range(fra_uge, til_uge + 1)), ydelser=[ydelse], kommuner=[kommune]
    )
    pid = np.asarray(cand.column("person_id"), dtype=np.int64)
    wk = np.asarray(cand.column("week_index"), dtype=np.int64)
    var = np.asarray(cand.column("varighed"), dtype=np.int64)
    need = max(min_varighed, 1)
    hit = var == need
    if med_bestand:
        hit |= (wk == fra_uge) & (var >= need)
    rows = np.flatnonzero(hit)
    rows = rows[np.lexsort((wk[rows], pid[rows]))]
    _, first = np.unique(pid[rows], return_index=True)
    chosen = rows[first]
    label = f"målgruppe {ydelse} {weeks.label(fra_uge)}-{weeks.label(til_uge)}"
    return [Deltager(int(pid[r]), int(wk[r]), label) for r in chosen]
