"""Date-versioned legal parameters, one YAML file per area (OpenFisca-like, in-house).

File layout (``src/indsats/rules/parameters/<area>.yaml``)::

    area: kontaktforloeb
    description: ...
    parameters:
      samtaler.dagpenge:
        description: ...
        gaps_allowed: false          # default: consecutive values must touch (no gap)
        values:
          - from: 2020-01-01
            to: 2023-12-31           # optional; absent = still in force
            value: ...               # any YAML value; rates as strings ("0.80") -> Decimal
            reference: LAB § 31 (LBK 701/2022)
            source: https://...
            status: verified         # verified | secondary | unverified
            note: optional reading / caveat
            from_uncertain: {earliest: 2023-03-21, latest: 2024-03-01}
                                     # optional: the real start date is not known, only that it
                                     # lies in this window (`from` is a placeholder inside it)

The loader checks every file when it is read: known top-level keys, dates that parse, ``from <=
to``, values ordered by ``from`` without overlaps and (unless ``gaps_allowed``) without gaps, and
a ``reference``, ``source`` and ``status`` on every value. Errors name the file and parameter.
Looking a value up before its first date (or after its last ``to``) raises
`ParameterNotInForce`; nothing defaults to zero.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

AREAS = (
    "kontaktforloeb",
    "overgang",
    "ret_og_pligt",
    "cv_og_booking",
    "sygedagpenge",
    "ungeindsats_integration",
    "refusion",
    "visitation",
)
STATUSES = ("verified", "secondary", "unverified")
_VALUE_KEYS = {"from", "to", "value", "reference", "source", "status", "note", "from_uncertain"}
_PARAM_KEYS = {"description", "values", "gaps_allowed", "unit"}
_FILE_KEYS = {"area", "description", "parameters"}


class ParameterError(ValueError):
    """A parameter file is malformed. The message names the file and the parameter."""


class ParameterNotInForce(LookupError):
    """A value was asked for on a date where the parameter has none (before its first date)."""


@dataclass(frozen=True, slots=True)
class ParameterValue:
    """One dated value of a parameter, with its legal basis."""

    key: str  # "area.name"
    valid_from: date
    valid_to: date | None
    value: Any
    reference: str
    source: str
    status: str
    note: str | None = None
    from_uncertain: tuple[date, date] | None = None  # the real start lies in this window

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    def version(self) -> dict[str, str | None]:
        return {
            "from": self.valid_from.isoformat(),
            "to": self.valid_to.isoformat() if self.valid_to else None,
        }


@dataclass(frozen=True, slots=True)
class Parameter:
    key: str
    description: str
    values: tuple[ParameterValue, ...]  # ordered by valid_from

    @property
    def first_date(self) -> date:
        return self.values[0].valid_from

    def at(self, day: date) -> ParameterValue:
        for v in self.values:
            if v.covers(day):
                return v
        if day < self.first_date:
            raise ParameterNotInForce(
                f"parameter {self.key} has no value before {self.first_date.isoformat()} "
                f"(asked for {day.isoformat()})"
            )
        raise ParameterNotInForce(f"parameter {self.key} has no value on {day.isoformat()}")

    def applies(self, day: date) -> bool:
        return any(v.covers(day) for v in self.values)


def _to_date(raw: Any, where: str) -> date:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise ParameterError(f"{where}: {raw!r} is not a date (YYYY-MM-DD)")


def _convert(value: Any) -> Any:
    """Rates written as strings like "0.80" become Decimal; dates stay dates; recurse."""
    if isinstance(value, str):
        try:
            if value.replace(".", "", 1).isdigit() and "." in value:
                return Decimal(value)
        except InvalidOperation:  # pragma: no cover
            return value
        return value
    if isinstance(value, float):
        raise TypeError('floats are not allowed; write rates as strings, e.g. "0.80"')
    if isinstance(value, list):
        return [_convert(v) for v in value]
    if isinstance(value, dict):
        return {k: _convert(v) for k, v in value.items()}
    return value


def parse_file(path: Path | Any, *, expected_area: str | None = None) -> dict[str, Parameter]:
    """Read and validate one parameter file; returns {"area.name": Parameter}."""
    import yaml  # lazy

    name = getattr(path, "name", str(path))
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ParameterError(f"{name}: not valid YAML: {exc}") from None
    except ValueError as exc:  # e.g. a date like 2020-13-01 that YAML reads as a timestamp
        raise ParameterError(
            f"{name}: a value cannot be read ({exc}); dates must be YYYY-MM-DD"
        ) from None
    if not isinstance(doc, dict):
        raise ParameterError(f"{name}: the file must be a mapping with 'area' and 'parameters'")
    unknown = set(doc) - _FILE_KEYS
    if unknown:
        raise ParameterError(f"{name}: unknown top-level keys {sorted(unknown)}")
    area = doc.get("area")
    if not isinstance(area, str) or not area:
        raise ParameterError(f"{name}: missing 'area'")
    if expected_area is not None and area != expected_area:
        raise ParameterError(f"{name}: area is {area!r}, expected {expected_area!r}")
    params = doc.get("parameters")
    if not isinstance(params, dict) or not params:
        raise ParameterError(f"{name}: missing or empty 'parameters'")
    out: dict[str, Parameter] = {}
    for pname, pdef in params.items():
        key = f"{area}.{pname}"
        where = f"{name}: parameter {pname}"
        if not isinstance(pdef, dict):
            raise ParameterError(f"{where}: must be a mapping")
        unknown = set(pdef) - _PARAM_KEYS
        if unknown:
            raise ParameterError(f"{where}: unknown keys {sorted(unknown)}")
        raw_values = pdef.get("values")
        if not isinstance(raw_values, list) or not raw_values:
            raise ParameterError(f"{where}: needs a non-empty list 'values'")
        values: list[ParameterValue] = []
        for i, rv in enumerate(raw_values):
            vwhere = f"{where}, value {i + 1}"
            if not isinstance(rv, dict):
                raise ParameterError(f"{vwhere}: must be a mapping")
            unknown = set(rv) - _VALUE_KEYS
            if unknown:
                raise ParameterError(f"{vwhere}: unknown keys {sorted(unknown)}")
            for required in ("from", "value", "reference", "source", "status"):
                if required not in rv or rv[required] in (None, ""):
                    if required == "value" and "value" in rv:
                        continue  # an explicit null value is allowed ("not applicable")
                    raise ParameterError(f"{vwhere}: missing '{required}'")
            start = _to_date(rv["from"], f"{vwhere} 'from'")
            end = _to_date(rv["to"], f"{vwhere} 'to'") if rv.get("to") is not None else None
            if end is not None and end < start:
                raise ParameterError(
                    f"{vwhere}: 'to' {end.isoformat()} is before 'from' {start.isoformat()}"
                )
            if rv["status"] not in STATUSES:
                raise ParameterError(
                    f"{vwhere}: status must be one of {', '.join(STATUSES)}, not {rv['status']!r}"
                )
            source = str(rv["source"])
            if not source.startswith(("http://", "https://", "no-url:")):
                raise ParameterError(
                    f"{vwhere}: source must be a URL (or 'no-url: <citation>' where the source has "
                    f"none), not {source!r}"
                )
            uncertain = None
            if rv.get("from_uncertain") is not None:
                win = rv["from_uncertain"]
                if not isinstance(win, dict) or set(win) != {"earliest", "latest"}:
                    raise ParameterError(
                        f"{vwhere}: from_uncertain must be {{earliest: YYYY-MM-DD, latest: YYYY-MM-DD}}"
                    )
                lo = _to_date(win["earliest"], f"{vwhere} 'from_uncertain.earliest'")
                hi = _to_date(win["latest"], f"{vwhere} 'from_uncertain.latest'")
                if not lo <= start <= hi:
                    raise ParameterError(
                        f"{vwhere}: 'from' {start.isoformat()} must lie in from_uncertain "
                        f"{lo.isoformat()}..{hi.isoformat()}"
                    )
                if rv["status"] == "verified":
                    raise ParameterError(
                        f"{vwhere}: a value with from_uncertain cannot be verified"
                    )
                uncertain = (lo, hi)
            try:
                value = _convert(rv["value"])
            except TypeError as exc:
                raise ParameterError(f"{vwhere}: {exc}") from None
            values.append(
                ParameterValue(
                    key,
                    start,
                    end,
                    value,
                    str(rv["reference"]),
                    source,
                    rv["status"],
                    rv.get("note"),
                    uncertain,
                )
            )
        for prev, nxt in zip(values, values[1:], strict=False):
            if nxt.valid_from <= prev.valid_from:
                raise ParameterError(
                    f"{where}: values are not ordered by 'from' "
                    f"({prev.valid_from.isoformat()} then {nxt.valid_from.isoformat()})"
                )
            if prev.valid_to is None or prev.valid_to >= nxt.valid_from:
                raise ParameterError(
                    f"{where}: value from {prev.valid_from.isoformat()} overlaps the value from "
                    f"{nxt.valid_from.isoformat()} (give the earlier one a 'to' before it)"
                )
            if (
                not pdef.get("gaps_allowed", False)
                and prev.valid_to + timedelta(days=1) != nxt.valid_from
            ):
                raise ParameterError(
                    f"{where}: gap between {prev.valid_to.isoformat()} and "
                    f"{nxt.valid_from.isoformat()} (a rule must exist on every day; set "
                    f"gaps_allowed: true if the law really has a gap)"
                )
        out[key] = Parameter(key, str(pdef.get("description", "")), tuple(values))
    return out


def load_directory(directory: Path) -> dict[str, Parameter]:
    """Load every area file in a directory (all of AREAS must be present)."""
    result: dict[str, Parameter] = {}
    for area in AREAS:
        path = directory / f"{area}.yaml"
        if not path.is_file():
            raise ParameterError(f"{path}: parameter file for area {area!r} is missing")
        result.update(parse_file(path, expected_area=area))
    return result


@cache
def all_parameters() -> dict[str, Parameter]:
    """The packaged parameters, loaded and validated once per process."""
    base = resources.files("indsats.rules") / "parameters"
    result: dict[str, Parameter] = {}
    for area in AREAS:
        result.update(parse_file(base / f"{area}.yaml", expected_area=area))
    return result


def parameter(key: str) -> Parameter:
    try:
        return all_parameters()[key]
    except KeyError:
        raise KeyError(f"unknown parameter {key!r}") from None


def value_at(key: str, day: date) -> ParameterValue:
    """The value of parameter `key` ("area.name") in force on `day`; raises before its first date."""
    return parameter(key).at(day)


def uncertain_on(key: str, day: date) -> ParameterValue | None:
    """The value whose real start date is unknown and might lie on either side of `day` (so which
    value applies on `day` is not known), or None."""
    for v in parameter(key).values:
        if v.from_uncertain is not None and v.from_uncertain[0] <= day <= v.from_uncertain[1]:
            return v
    return None


_UNVERIFIED_COPIES: dict[int, tuple[ParameterValue, ParameterValue]] = {}


def unverified_copy(pv: ParameterValue) -> ParameterValue:
    """`pv` marked unverified: for a result that depends on a date nobody has verified. The same
    object is returned for the same `pv` (the vectorised path interns values by identity)."""
    if pv.status == "unverified":
        return pv
    hit = _UNVERIFIED_COPIES.get(id(pv))
    if hit is None or hit[0] is not pv:
        hit = (pv, replace(pv, status="unverified"))
        _UNVERIFIED_COPIES[id(pv)] = hit
    return hit[1]
