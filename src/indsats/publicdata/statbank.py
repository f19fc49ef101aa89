"""Statistics Denmark's Statbank API (api.statbank.dk/v1): tables by variables, as published.

Open data, no key. A data query names the table and, per variable, the value codes to fetch
(`*` for all); the answer is DST's semicolon-separated CSV with the variable codes as headers
(`OMRÅDE;YDELSESTYPE;KØN;ALDER;TID;INDHOLD`) and the values' Danish labels in the cells
("Hele landet", "Varde", "I alt", "2024K1"). The client returns that table unchanged (all
strings), so the register's aggregate importer reads it exactly as DST publishes it.

Licence: DST's data may be used freely, commercially and non-commercially, when the source is
credited ("Kilde: Danmarks Statistik"); DST states this equals Creative Commons CC 4.0 BY
(https://www.dst.dk/da/Statistik/hjaelp-til-statistikbanken/api).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from indsats.publicdata.cache import (
    Provenance,
    cache_path,
    now_utc,
    read_cached,
    strings_table,
    write_cached,
)
from indsats.publicdata.http import (
    Offline,
    PublicDataError,
    Request,
    Transport,
    urllib_transport,
)

BASE_URL = "https://api.statbank.dk/v1"
LICENS = "Creative Commons CC 4.0 BY (Danmarks Statistik: fri brug mod kildeangivelse)"
KREDITERING = "Kilde: Danmarks Statistik, Statistikbanken"
SOURCE = "statbank"

# The queries the product relies on (variable codes and value codes as DST names them), named
# by their table, or by the table and what the query is for ("FOLK1A-65": FOLK1A, ages 65+);
# `preset_table()` gives the table. AUK01: full-time recipients of public benefits by area,
# benefit type, sex and age, quarterly; YDELSESTYPE TOT = all benefits ("I alt"). AUP02:
# full-time unemployed in % of the labour force, monthly. FOLK1A: population on the first day of
# the quarter; ALDER 16-66 gives the denominator of the share on public support. The benchmark's
# covariates (publicdata/data/PROVENANCE.md, "Fetching the covariates"): FOLK1E and AFSTB4 as the
# source's fetch script sends them; FOLK1A-65 (all ages and each age from 65) and HFUDD11 (all
# and the five higher-education levels H40-H80) as indsats defines them, a definition that gives
# the shipped snapshots back (checked on the source's raw DST pulls, PROVENANCE.md).
PRESETS: dict[str, dict[str, list[str]]] = {
    "AUK01": {
        "OMRÅDE": ["*"],
        "YDELSESTYPE": ["TOT"],
        "KØN": ["TOT"],
        "ALDER": ["TOT"],
        "Tid": ["*"],
    },
    "AUP02": {"OMRÅDE": ["*"], "ALDER": ["TOT"], "KØN": ["TOT"], "Tid": ["*"]},
    "FOLK1A": {
        "OMRÅDE": ["*"],
        "KØN": ["TOT"],
        "ALDER": [str(a) for a in range(16, 67)],
        "CIVILSTAND": ["TOT"],
        "Tid": ["*"],
    },
    # Population on the first day of the quarter by origin (the covariate: rows "I alt" minus
    # "Personer med dansk oprindelse", divided by "I alt", first quarter of the year).
    "FOLK1E": {
        "OMRÅDE": ["*"],
        "KØN": ["TOT"],
        "ALDER": ["IALT"],
        "HERKOMST": ["TOT", "1", "24", "25", "34", "35"],
        "Tid": ["*"],
    },
    # Average commuting distance (km) by area of residence; SOCIO 02 = employed, total.
    "AFSTB4": {"BOPOMR": ["*"], "SOCIO": ["02"], "KØN": ["TOT"], "Tid": ["*"]},
    # The share aged 65 or more: all ages ("IALT") and each age from 65 to DST's last, 125.
    "FOLK1A-65": {
        "OMRÅDE": ["*"],
        "KØN": ["TOT"],
        "ALDER": ["IALT", *(str(a) for a in range(65, 126))],
        "CIVILSTAND": ["TOT"],
        "Tid": ["*"],
    },
    # The share with a higher education: the population aged 15-69 by highest completed
    # education, all ("TOT") and H40 short cycle, H50 vocational bachelor, H60 bachelor,
    # H70 master, H80 PhD.
    "HFUDD11": {
        "BOPOMR": ["*"],
        "HERKOMST": ["TOT"],
        "HFUDD": ["TOT", "H40", "H50", "H60", "H70", "H80"],
        "ALDER": ["TOT"],
        "KØN": ["TOT"],
        "Tid": ["*"],
    },
}
AREA_VARIABLE = "OMRÅDE"
AREA_VARIABLES = {"AFSTB4": "BOPOMR", "HFUDD11": "BOPOMR"}  # area variable is not OMRÅDE
TIME_VARIABLE = "Tid"


def preset_table(name: str) -> str:
    """The Statbank table a preset (or table id) names: 'FOLK1A-65' -> 'FOLK1A'."""
    return name.upper().split("-", 1)[0]


def _fixed(table: str, variables: Mapping[str, object]) -> dict[str, object]:
    """A query's variables less those that only narrow it: all values ('*'), the area
    (municipalities) and the time (periods)."""
    narrowing = {AREA_VARIABLES.get(table, AREA_VARIABLE), TIME_VARIABLE}
    return {k: v for k, v in variables.items() if v != ["*"] and k not in narrowing}


def preset_of(table: str, sent: object) -> str | None:
    """The preset a sent query is (`Provenance.forespoergsel["variables"]`: a list of
    {"code", "values"}), narrowed or not to municipalities and periods; None for any other
    query, e.g. one of other sexes or ages."""
    variables = {
        str(v.get("code")): v.get("values")
        for v in (sent if isinstance(sent, list) else [])
        if isinstance(v, dict)
    }
    table = table.upper()
    asked = _fixed(table, variables)
    return next(
        (
            name
            for name, preset in PRESETS.items()
            if preset_table(name) == table and _fixed(table, preset) == asked
        ),
        None,
    )


@dataclass(frozen=True, slots=True)
class StatbankQuery:
    """A data query. `variables` maps a variable code to value codes (`*` = all)."""

    table: str
    variables: Mapping[str, Sequence[str]] = field(default_factory=dict)
    lang: str = "da"

    def body(self) -> dict[str, object]:
        return {
            "table": self.table.upper(),
            "format": "CSV",
            "lang": self.lang,
            "variables": [{"code": k, "values": list(v)} for k, v in self.variables.items()],
        }

    @classmethod
    def build(
        cls,
        table: str,
        variables: Mapping[str, Sequence[str]] | None = None,
        *,
        kommuner: Iterable[int] | None = None,
        perioder: Iterable[str] | None = None,
        lang: str = "da",
    ) -> StatbankQuery:
        """The preset named `table` (a table id or e.g. 'FOLK1A-65'), then `variables`, then
        municipalities and periods."""
        if "-" in table and table.upper() not in PRESETS:
            raise ValueError(f"no preset {table!r}; the presets are {', '.join(PRESETS)}")
        merged: dict[str, list[str]] = {
            k: list(v) for k, v in PRESETS.get(table.upper(), {}).items()
        }
        for k, v in (variables or {}).items():
            merged[k] = list(v)
        table_id = preset_table(table)
        if kommuner is not None:
            area = AREA_VARIABLES.get(table_id, AREA_VARIABLE)
            merged[area] = [str(int(k)) for k in kommuner]
        if perioder is not None:
            merged[TIME_VARIABLE] = list(perioder)
        if not merged:
            raise ValueError(
                f"no variables for {table!r}: give --var CODE=VALUES (e.g. OMRÅDE=*) or use a "
                f"preset ({', '.join(PRESETS)})"
            )
        return cls(table_id, merged, lang)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A table with its provenance; `cached` says it came from the cache (no network)."""

    table: pa.Table
    provenance: Provenance
    cached: bool = False
    offline_reason: str = ""


def parse_csv(text: str) -> pa.Table:
    """DST's CSV answer (';'-separated, header row of variable codes) as a table of strings."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    if not rows or not rows[0]:
        raise PublicDataError("Statbank answered with an empty table")
    header = [h.strip() for h in rows[0]]
    body = [r for r in rows[1:] if r]
    bad = [i + 2 for i, r in enumerate(body) if len(r) != len(header)]
    if bad:
        raise PublicDataError(
            f"Statbank CSV line {bad[0]}: {len(body[bad[0] - 2])} cells, header has {len(header)}"
        )
    return strings_table(header, body)


def _error_message(status: int, body: bytes) -> str:
    try:
        raw = json.loads(body.decode("utf-8-sig"))
        msg = raw.get("message") if isinstance(raw, dict) else None
    except (ValueError, UnicodeDecodeError):
        msg = None
    return f"Statbank answered {status}: {msg or body[:200].decode('utf-8', 'replace')}"


class StatbankClient:
    """`base_url` defaults to INDSATS_STATBANK_URL (a mirror or proxy), else the public API."""

    def __init__(self, base_url: str | None = None, transport: Transport = urllib_transport):
        import os

        self.base_url = (base_url or os.environ.get("INDSATS_STATBANK_URL") or BASE_URL).rstrip("/")
        self.transport = transport

    def _post(self, endpoint: str, payload: Mapping[str, object]) -> bytes:
        resp = self.transport(
            Request(
                "POST",
                f"{self.base_url}/{endpoint}",
                {"Content-Type": "application/json", "Accept": "*/*"},
                json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            )
        )
        if resp.status != 200:
            raise PublicDataError(_error_message(resp.status, resp.body))
        return resp.body

    def tableinfo(self, table: str, *, lang: str = "da") -> dict[str, object]:
        """The table's metadata: text, unit, updated, variables with their value codes."""
        body = self._post("tableinfo", {"table": table.upper(), "format": "JSON", "lang": lang})
        info = json.loads(body.decode("utf-8-sig"))
        if not isinstance(info, dict):
            raise PublicDataError(f"Statbank tableinfo for {table}: not a JSON object")
        return info

    def data(self, query: StatbankQuery) -> pa.Table:
        body = self._post("data", query.body())
        return parse_csv(body.decode("utf-8-sig"))

    def provenance(self, query: StatbankQuery, rows: int) -> Provenance:
        return Provenance(
            kilde=SOURCE,
            tabel=query.table,
            forespoergsel=query.body(),
            url=f"{self.base_url}/data",
            hentet=now_utc(),
            licens=LICENS,
            kreditering=KREDITERING,
            raekker=rows,
        )

    def fetch(self, query: StatbankQuery, *, cache_root: str | None = None) -> Fetched:
        """Fetch and cache; without network, the cached copy of the same query (with its
        date), else `Offline` saying that nothing is cached either."""
        from indsats.publicdata.cache import default_root

        path = cache_path(cache_root or default_root(), SOURCE, query.table, query.body())
        try:
            table = self.data(query)
        except Offline as exc:
            if path.exists():
                cached, prov = read_cached(path)
                return Fetched(cached, prov, cached=True, offline_reason=str(exc))
            raise Offline(
                f"{exc}; no cached copy of this query either ({path}). Fetch it once with "
                f"network, or use the tables shipped with indsats (indsats data list)."
            ) from None
        prov = self.provenance(query, table.num_rows)
        write_cached(table, prov, path)
        return Fetched(table, prov)
