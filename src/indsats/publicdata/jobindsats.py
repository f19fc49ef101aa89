"""STAR's Jobindsats API v2 (api.jobindsats.dk/v2): tables of the statistics portal.

Access needs a personal key (one per organisation; apply to jobindsats@star.dk), read from the
environment variable `JOBINDSATS_API_TOKEN` and sent as the `Authorization` header. Endpoints
used (as municipal open-source code calls them):

- `GET  /v2/tables/{table}/json`: the table's metadata, a list whose first element holds
  `Period` (the periods on offer, e.g. `2024M06`, `2023QMAT02`) and `Variables`;
- `POST /v2/data/{table}/json` with `{"area": "*" | [...], "period": [...], "_<var>": [...]}`:
  a list whose first element holds `Variables` (each with its `Label`) and `Data` (rows).

The answer is returned as a table of strings with the variables' labels as column names
("Area", "Periode", "Ydelsesgrupper", ...), unchanged.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence

import pyarrow as pa

from indsats.publicdata.cache import (
    Provenance,
    cache_path,
    default_root,
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
from indsats.publicdata.statbank import Fetched

BASE_URL = "https://api.jobindsats.dk/v2"
TOKEN_ENV = "JOBINDSATS_API_TOKEN"
SOURCE = "jobindsats"
LICENS = "Jobindsats.dk (Styrelsen for Arbejdsmarked og Rekruttering); brug med kildeangivelse"
KREDITERING = "Kilde: Jobindsats.dk, Styrelsen for Arbejdsmarked og Rekruttering"


class MissingToken(PublicDataError):
    pass


def token_from_env() -> str:
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise MissingToken(
            f"no Jobindsats key: set {TOKEN_ENV} to your organisation's personal key "
            "(apply to jobindsats@star.dk, subject 'Ansøgning om adgang til api.jobindsats.dk')"
        )
    return token


def _first(answer: object, what: str) -> dict[str, object]:
    if isinstance(answer, list) and answer and isinstance(answer[0], dict):
        return answer[0]
    if isinstance(answer, dict):
        return answer
    raise PublicDataError(f"Jobindsats {what}: unexpected answer (not a list of objects)")


def parse_data(answer: object) -> pa.Table:
    """`[{"Variables": [{"Label": ...}], "Data": [[...]]}]` as a table of strings."""
    first = _first(answer, "data")
    variables = first.get("Variables")
    data = first.get("Data")
    if not isinstance(variables, list) or not isinstance(data, list):
        raise PublicDataError("Jobindsats data: the answer has no 'Variables' and 'Data'")
    labels = [str(v.get("Label") or v.get("Name")) for v in variables if isinstance(v, dict)]
    rows: list[list[str]] = []
    for i, row in enumerate(data, start=1):
        if not isinstance(row, list) or len(row) != len(labels):
            raise PublicDataError(
                f"Jobindsats data row {i}: {len(row) if isinstance(row, list) else 'no'} cells, "
                f"{len(labels)} variables"
            )
        rows.append(["" if c is None else str(c) for c in row])
    return strings_table(labels, rows)


class JobindsatsClient:
    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        transport: Transport = urllib_transport,
    ):
        self._token = token
        # INDSATS_JOBINDSATS_URL: a mirror or proxy instead of the public API
        self.base_url = (base_url or os.environ.get("INDSATS_JOBINDSATS_URL") or BASE_URL).rstrip(
            "/"
        )
        self.transport = transport

    @property
    def token(self) -> str:
        return self._token or token_from_env()

    def _call(self, method: str, path: str, payload: Mapping[str, object] | None) -> object:
        headers = {"Authorization": self.token, "Accept": "application/json"}
        body = None
        if payload is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        resp = self.transport(Request(method, f"{self.base_url}/{path}", headers, body))
        if resp.status in (401, 403):
            raise PublicDataError(f"Jobindsats refused the key ({resp.status}): check {TOKEN_ENV}")
        if resp.status != 200:
            raise PublicDataError(
                f"Jobindsats answered {resp.status}: {resp.body[:200].decode('utf-8', 'replace')}"
            )
        try:
            return json.loads(resp.body.decode("utf-8-sig"))
        except ValueError:
            raise PublicDataError(f"Jobindsats {path}: the answer is not JSON") from None

    def periods(self, table: str) -> list[str]:
        """The periods the table offers (e.g. `2024M06`, `2023QMAT02`)."""
        meta = _first(self._call("GET", f"tables/{table.lower()}/json", None), "tables")
        periods = meta.get("Period")
        if not isinstance(periods, list):
            raise PublicDataError(f"Jobindsats tables/{table}: no 'Period' list")
        return [str(p) for p in periods]

    @staticmethod
    def payload(
        area: str | Sequence[str] = "*",
        periods: Iterable[str] = (),
        variables: Mapping[str, Sequence[str]] | None = None,
    ) -> dict[str, object]:
        out: dict[str, object] = {
            "area": area if isinstance(area, str) else list(area),
            "period": list(periods),
        }
        for k, v in (variables or {}).items():
            out[k if k.startswith("_") else f"_{k}"] = list(v)
        return out

    def data(self, table: str, payload: Mapping[str, object]) -> pa.Table:
        return parse_data(self._call("POST", f"data/{table.lower()}/json", payload))

    def fetch(
        self, table: str, payload: Mapping[str, object], *, cache_root: str | None = None
    ) -> Fetched:
        """Fetch and cache; without network, the cached copy of the same query."""
        path = cache_path(cache_root or default_root(), SOURCE, table, payload)
        try:
            result = self.data(table, payload)
        except Offline as exc:
            if path.exists():
                cached, prov = read_cached(path)
                return Fetched(cached, prov, cached=True, offline_reason=str(exc))
            raise Offline(f"{exc}; no cached copy of this query either ({path})") from None
        prov = Provenance(
            kilde=SOURCE,
            tabel=table.lower(),
            forespoergsel=dict(payload),
            url=f"{self.base_url}/data/{table.lower()}/json",
            hentet=now_utc(),
            licens=LICENS,
            kreditering=KREDITERING,
            raekker=result.num_rows,
        )
        write_cached(result, prov, path)
        return Fetched(result, prov)
