"""A plan version to and from plain data (dicts and lists): the YAML files, the frozen snapshot of
an approved version, and the copy a revision starts from all use this one format.

Reading checks the shape (types, known fields, dates) and names the field of every error in
Danish, e.g. `fokusomraader[1].indsatser[0].start: '2021-13-01' er ikke en dato (ÅÅÅÅ-MM-DD)`.
The plan's own rules (måltal inside the period, baselines, dates in order) are in
`indsats.plan.validation`.

A source may be written in full (`{dokument: "...", side: "24"}`) or by a short name declared
under `dokumenter:` at the top (`{dok: varde, side: "24"}`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import TypeVar

import yaml

from indsats.economics.business_case import Investeringscase, case_from_mapping
from indsats.economics.numbers import EconomicsInputError
from indsats.plan.errors import PlanError
from indsats.plan.model import (
    Beloeb,
    BudgetArt,
    Budgetlinje,
    Fokusomraade,
    Godkendelse,
    Indsats,
    IndsatsStatus,
    Investering,
    Kilde,
    Maaltal,
    MaalType,
    Milepael,
    PlanMaal,
    PlanTabel,
    PlanVersion,
    Situation,
    SituationFigur,
    SituationTabel,
    Status,
)

Raw = Mapping[str, object]
E = TypeVar("E", Status, MaalType, IndsatsStatus, BudgetArt)


class _Reader:
    """Reads one version's data; `fil` names the file (or 'snapshot') in errors."""

    def __init__(self, fil: str, dokumenter: Mapping[str, str]) -> None:
        self.fil = fil
        self.dokumenter = dokumenter

    def fail(self, felt: str, besked: str) -> PlanError:
        return PlanError.en(felt, besked, kilde=self.fil)

    def mapping(self, raw: object, felt: str, known: set[str]) -> Raw:
        if not isinstance(raw, Mapping):
            raise self.fail(felt, "skal være en tabel (felt: værdi)")
        unknown = sorted(str(k) for k in raw if str(k) not in known)
        if unknown:
            raise self.fail(
                f"{felt}.{unknown[0]}" if felt else unknown[0],
                f"ukendt felt; kendte felter: {', '.join(sorted(known))}",
            )
        return {str(k): v for k, v in raw.items()}

    def items(self, raw: object, felt: str) -> list[object]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise self.fail(felt, "skal være en liste")
        return list(raw)

    def text(self, d: Raw, key: str, felt: str, *, required: bool = False) -> str:
        v = d.get(key)
        if v is None or v == "":
            if required:
                raise self.fail(f"{felt}.{key}" if felt else key, "mangler")
            return ""
        if isinstance(v, (Mapping, list)):
            raise self.fail(f"{felt}.{key}" if felt else key, "skal være tekst")
        return str(v).strip() if key != "csv" else str(v)

    def year(self, v: object, felt: str) -> int:
        if isinstance(v, bool) or not isinstance(v, (int, str)):
            raise self.fail(felt, f"{v!r} er ikke et årstal")
        try:
            y = int(v)
        except ValueError:
            raise self.fail(felt, f"{v!r} er ikke et årstal") from None
        if not 1990 <= y <= 2100:
            raise self.fail(felt, f"{y} er ikke et årstal mellem 1990 og 2100")
        return y

    def number(self, v: object, felt: str) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float, str, Decimal)):
            raise self.fail(felt, f"{v!r} er ikke et tal")
        try:
            return float(str(v).replace(",", "."))
        except ValueError:
            raise self.fail(felt, f"{v!r} er ikke et tal") from None

    def amount(self, v: object, felt: str) -> Decimal:
        if isinstance(v, bool) or not isinstance(v, (int, float, str, Decimal)):
            raise self.fail(felt, f"{v!r} er ikke et beløb")
        try:
            return Decimal(repr(v) if isinstance(v, float) else str(v))
        except InvalidOperation:
            raise self.fail(felt, f"{v!r} er ikke et beløb i kr.") from None

    def day(self, v: object, felt: str, *, required: bool = False) -> date | None:
        if v is None or v == "":
            if required:
                raise self.fail(felt, "mangler")
            return None
        if isinstance(v, date):
            return v
        try:
            return date.fromisoformat(str(v))
        except ValueError:
            raise self.fail(felt, f"{v!r} er ikke en dato (ÅÅÅÅ-MM-DD)") from None

    def enum(self, cls: type[E], v: object, felt: str, default: E | None = None) -> E:
        if v is None and default is not None:
            return default
        try:
            return cls(str(v))
        except ValueError:
            raise self.fail(felt, f"skal være en af {', '.join(e.value for e in cls)}") from None

    def kilde(self, raw: object, felt: str) -> Kilde | None:
        if raw is None:
            return None
        d = self.mapping(raw, felt, {"dok", "dokument", "side", "citat"})
        if "dok" in d:
            name = str(d["dok"])
            if name not in self.dokumenter:
                known = ", ".join(self.dokumenter) or "ingen"
                raise self.fail(f"{felt}.dok", f"ukendt dokument {name!r}; erklærede: {known}")
            dokument = self.dokumenter[name]
        else:
            dokument = self.text(d, "dokument", felt, required=True)
        return Kilde(dokument, self.text(d, "side", felt), self.text(d, "citat", felt))

    def per_year_amounts(self, raw: object, felt: str) -> tuple[Beloeb, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, Mapping):
            raise self.fail(felt, "skal være en tabel år: beløb (kr.)")
        out = [
            Beloeb(self.year(y, f"{felt}.{y}"), self.amount(v, f"{felt}.{y}"))
            for y, v in raw.items()
        ]
        return tuple(sorted(out, key=lambda b: b.aar))

    # -- parts ---------------------------------------------------------------------------------

    def maaltal(self, raw: object, felt: str, kilde: Kilde | None) -> tuple[Maaltal, ...]:
        if raw is None:
            return ()
        out: list[Maaltal] = []
        if isinstance(raw, Mapping):  # {2020: 605, 2021: 585}: the goal's source for each
            for y, v in raw.items():
                out.append(
                    Maaltal(self.year(y, f"{felt}.{y}"), self.number(v, f"{felt}.{y}"), kilde)
                )
        else:
            for i, item in enumerate(self.items(raw, felt)):
                f = f"{felt}[{i}]"
                d = self.mapping(item, f, {"aar", "vaerdi", "kilde"})
                out.append(
                    Maaltal(
                        self.year(d.get("aar"), f"{f}.aar"),
                        self.number(d.get("vaerdi"), f"{f}.vaerdi"),
                        self.kilde(d.get("kilde"), f"{f}.kilde") or kilde,
                    )
                )
        return tuple(out)

    def plan_maal(self, raw: object, felt: str) -> PlanMaal:
        d = self.mapping(
            raw,
            felt,
            {
                "id",
                "titel",
                "type",
                "goal_id",
                "ministermaal",
                "maaltal",
                "succeskriterie",
                "maaling",
                "kilde",
            },
        )
        kilde = self.kilde(d.get("kilde"), f"{felt}.kilde")
        return PlanMaal(
            id=self.text(d, "id", felt, required=True),
            titel=self.text(d, "titel", felt, required=True),
            type=self.enum(MaalType, d.get("type"), f"{felt}.type"),
            goal_id=self.text(d, "goal_id", felt),
            ministermaal=self.text(d, "ministermaal", felt),
            maaltal=self.maaltal(d.get("maaltal"), f"{felt}.maaltal", kilde),
            succeskriterie=self.text(d, "succeskriterie", felt),
            maaling=self.text(d, "maaling", felt),
            kilde=kilde,
        )

    def indsats(self, raw: object, felt: str) -> Indsats:
        d = self.mapping(
            raw,
            felt,
            {
                "id",
                "titel",
                "beskrivelse",
                "maalgruppe",
                "ansvarlig",
                "start",
                "slut",
                "status",
                "milepaele",
                "tilbud",
                "investeringer",
                "budget",
                "kilde",
            },
        )
        milepaele = []
        for i, item in enumerate(self.items(d.get("milepaele"), f"{felt}.milepaele")):
            f = f"{felt}.milepaele[{i}]"
            m = self.mapping(item, f, {"titel", "frist", "naaet"})
            frist = self.day(m.get("frist"), f"{f}.frist", required=True)
            assert frist is not None
            milepaele.append(
                Milepael(
                    self.text(m, "titel", f, required=True),
                    frist,
                    self.day(m.get("naaet"), f"{f}.naaet"),
                )
            )
        return Indsats(
            id=self.text(d, "id", felt, required=True),
            titel=self.text(d, "titel", felt, required=True),
            beskrivelse=self.text(d, "beskrivelse", felt),
            maalgruppe=self.text(d, "maalgruppe", felt),
            ansvarlig=self.text(d, "ansvarlig", felt),
            start=self.day(d.get("start"), f"{felt}.start"),
            slut=self.day(d.get("slut"), f"{felt}.slut"),
            status=self.enum(
                IndsatsStatus, d.get("status"), f"{felt}.status", IndsatsStatus.IKKE_STARTET
            ),
            milepaele=tuple(milepaele),
            tilbud=tuple(str(t) for t in self.items(d.get("tilbud"), f"{felt}.tilbud")),
            investeringer=tuple(
                str(t) for t in self.items(d.get("investeringer"), f"{felt}.investeringer")
            ),
            budget=self.per_year_amounts(d.get("budget"), f"{felt}.budget"),
            kilde=self.kilde(d.get("kilde"), f"{felt}.kilde"),
        )

    def fokusomraade(self, raw: object, felt: str) -> Fokusomraade:
        d = self.mapping(
            raw,
            felt,
            {"id", "titel", "beskrivelse", "ministermaal", "maal", "indsatser", "kilde"},
        )
        return Fokusomraade(
            id=self.text(d, "id", felt, required=True),
            titel=self.text(d, "titel", felt, required=True),
            beskrivelse=self.text(d, "beskrivelse", felt),
            ministermaal=tuple(
                str(m) for m in self.items(d.get("ministermaal"), f"{felt}.ministermaal")
            ),
            maal=tuple(
                self.plan_maal(m, f"{felt}.maal[{i}]")
                for i, m in enumerate(self.items(d.get("maal"), f"{felt}.maal"))
            ),
            indsatser=tuple(
                self.indsats(m, f"{felt}.indsatser[{i}]")
                for i, m in enumerate(self.items(d.get("indsatser"), f"{felt}.indsatser"))
            ),
            kilde=self.kilde(d.get("kilde"), f"{felt}.kilde"),
        )

    def tabel(self, raw: object, felt: str) -> PlanTabel:
        d = self.mapping(raw, felt, {"id", "titel", "csv", "kilde", "note"})
        return PlanTabel(
            id=self.text(d, "id", felt, required=True),
            titel=self.text(d, "titel", felt, required=True),
            csv=self.text(d, "csv", felt, required=True),
            kilde=self.kilde(d.get("kilde"), f"{felt}.kilde"),
            note=self.text(d, "note", felt),
        )

    def case(self, d: Raw, felt: str) -> Investeringscase | None:
        if d.get("case") is not None and d.get("case_fil") is not None:
            raise self.fail(felt, "angiv enten 'case' eller 'case_fil', ikke begge")
        raw = d.get("case")
        where = f"{self.fil}, {felt}.case"
        if d.get("case_fil") is not None:
            name = str(d["case_fil"])
            path = resources.files("indsats.economics") / "data" / name
            if not path.is_file():
                raise self.fail(f"{felt}.case_fil", f"findes ikke blandt økonomiens filer: {name}")
            with path.open(encoding="utf-8") as f:
                raw = yaml.safe_load(f)
            where = name
        if raw is None:
            return None
        try:
            return case_from_mapping(raw, where=where)
        except EconomicsInputError as exc:
            raise self.fail(f"{felt}.case", f"investeringscasen kan ikke læses: {exc}") from None

    def investering(self, raw: object, felt: str) -> Investering:
        d = self.mapping(
            raw, felt, {"id", "titel", "case", "case_fil", "beskrivelse", "tabeller", "kilde"}
        )
        return Investering(
            id=self.text(d, "id", felt, required=True),
            titel=self.text(d, "titel", felt, required=True),
            case=self.case(d, felt),
            beskrivelse=self.text(d, "beskrivelse", felt),
            tabeller=tuple(
                self.tabel(t, f"{felt}.tabeller[{i}]")
                for i, t in enumerate(self.items(d.get("tabeller"), f"{felt}.tabeller"))
            ),
            kilde=self.kilde(d.get("kilde"), f"{felt}.kilde"),
        )

    def budgetlinje(self, raw: object, felt: str) -> Budgetlinje:
        d = self.mapping(raw, felt, {"id", "post", "art", "beloeb", "kilde", "note"})
        return Budgetlinje(
            id=self.text(d, "id", felt, required=True),
            post=self.text(d, "post", felt, required=True),
            art=self.enum(BudgetArt, d.get("art"), f"{felt}.art"),
            beloeb=self.per_year_amounts(d.get("beloeb"), f"{felt}.beloeb"),
            kilde=self.kilde(d.get("kilde"), f"{felt}.kilde"),
            note=self.text(d, "note", felt),
        )

    def situation(self, raw: object, felt: str) -> Situation:
        if raw is None:
            return Situation()
        d = self.mapping(raw, felt, {"tekst", "tabeller", "figurer", "dannet"})
        tabeller = []
        for i, t in enumerate(self.items(d.get("tabeller"), f"{felt}.tabeller")):
            f = f"{felt}.tabeller[{i}]"
            td = self.mapping(t, f, {"titel", "kolonner", "raekker", "kilde"})
            tabeller.append(
                SituationTabel(
                    self.text(td, "titel", f, required=True),
                    tuple(str(c) for c in self.items(td.get("kolonner"), f"{f}.kolonner")),
                    tuple(
                        tuple(str(c) for c in self.items(r, f"{f}.raekker[{j}]"))
                        for j, r in enumerate(self.items(td.get("raekker"), f"{f}.raekker"))
                    ),
                    self.text(td, "kilde", f, required=True),
                )
            )
        figurer = []
        for i, t in enumerate(self.items(d.get("figurer"), f"{felt}.figurer")):
            f = f"{felt}.figurer[{i}]"
            fd = self.mapping(t, f, {"titel", "enhed", "punkter", "kilde"})
            punkter = []
            for j, p in enumerate(self.items(fd.get("punkter"), f"{f}.punkter")):
                pl = self.items(p, f"{f}.punkter[{j}]")
                if len(pl) != 3:
                    raise self.fail(f"{f}.punkter[{j}]", "skal være [x, serie, værdi]")
                punkter.append((str(pl[0]), str(pl[1]), self.number(pl[2], f"{f}.punkter[{j}]")))
            figurer.append(
                SituationFigur(
                    self.text(fd, "titel", f, required=True),
                    self.text(fd, "enhed", f) or "personer",
                    tuple(punkter),
                    self.text(fd, "kilde", f, required=True),
                )
            )
        return Situation(
            tekst=self.text(d, "tekst", felt),
            tabeller=tuple(tabeller),
            figurer=tuple(figurer),
            dannet=self.text(d, "dannet", felt),
        )

    def version(self, raw: object) -> PlanVersion:
        d = self.mapping(
            raw,
            "",
            {
                "kommune",
                "titel",
                "periode",
                "betegnelse",
                "udvalg",
                "status",
                "godkendelse",
                "dokumenter",
                "indledning",
                "situation",
                "maal",
                "fokusomraader",
                "investeringer",
                "budget",
                "kilde",
            },
        )
        periode = self.mapping(d.get("periode"), "periode", {"fra", "til"})
        kommune = d.get("kommune")
        from indsats.domain.kommuner import UnknownKommune, get_kommune

        try:
            kode = get_kommune(str(kommune)).kode
        except UnknownKommune:
            raise self.fail("kommune", f"ukendt kommunekode {kommune!r}") from None
        godkendelse = None
        if d.get("godkendelse") is not None:
            g = self.mapping(d["godkendelse"], "godkendelse", {"dato", "organ", "beslutning"})
            godkendelse = Godkendelse(
                self.day(g.get("dato"), "godkendelse.dato"),
                self.text(g, "organ", "godkendelse", required=True),
                self.text(g, "beslutning", "godkendelse"),
            )
        return PlanVersion(
            kommune=kode,
            titel=self.text(d, "titel", "", required=True),
            foerste_aar=self.year(periode.get("fra"), "periode.fra"),
            sidste_aar=self.year(periode.get("til"), "periode.til"),
            betegnelse=self.text(d, "betegnelse", "", required=True),
            udvalg=self.text(d, "udvalg", "", required=True),
            status=self.enum(Status, d.get("status"), "status", Status.KLADDE),
            godkendelse=godkendelse,
            indledning=self.text(d, "indledning", ""),
            situation=self.situation(d.get("situation"), "situation"),
            maal=tuple(
                self.plan_maal(m, f"maal[{i}]")
                for i, m in enumerate(self.items(d.get("maal"), "maal"))
            ),
            fokusomraader=tuple(
                self.fokusomraade(m, f"fokusomraader[{i}]")
                for i, m in enumerate(self.items(d.get("fokusomraader"), "fokusomraader"))
            ),
            investeringer=tuple(
                self.investering(m, f"investeringer[{i}]")
                for i, m in enumerate(self.items(d.get("investeringer"), "investeringer"))
            ),
            budget=tuple(
                self.budgetlinje(m, f"budget[{i}]")
                for i, m in enumerate(self.items(d.get("budget"), "budget"))
            ),
            kilde=self.kilde(d.get("kilde"), "kilde"),
        )


def version_from_dict(data: object, *, kilde: str = "<data>") -> PlanVersion:
    """Read one version from plain data. Errors are `PlanError`s naming `kilde` and the field."""
    dokumenter: dict[str, str] = {}
    if isinstance(data, Mapping) and isinstance(data.get("dokumenter"), Mapping):
        dokumenter = {str(k): str(v) for k, v in data["dokumenter"].items()}
    return _Reader(kilde, dokumenter).version(data)


def situation_from_dict(data: object, *, kilde: str = "<data>") -> Situation:
    """The labour-market situation alone, from plain data (as stored by the web app)."""
    return _Reader(kilde, {}).situation(data or None, "situation")


def kilde_from_dict(data: object, *, kilde: str = "<data>") -> Kilde | None:
    return _Reader(kilde, {}).kilde(data or None, "kilde")


def load_plan(path: Path | str) -> PlanVersion:
    """Read a plan version from a YAML file (see src/indsats/plan/data/ for examples)."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanError.en("", "filen findes ikke", kilde=str(path)) from None
    except yaml.YAMLError as exc:
        raise PlanError.en("", f"ikke gyldig YAML: {exc}", kilde=path.name) from None
    return version_from_dict(data, kilde=path.name)


def bundled_plan(name: str) -> PlanVersion:
    """A plan bundled in indsats/plan/data (e.g. 'varde_2020_2023_revideret_2021.yaml')."""
    with (resources.files("indsats.plan") / "data" / name).open(encoding="utf-8") as f:
        return version_from_dict(yaml.safe_load(f), kilde=name)


# ---------------------------------------------------------------------------------------------
# To plain data


def kilde_to_dict(k: Kilde | None) -> dict[str, str] | None:
    if k is None:
        return None
    out = {"dokument": k.dokument}
    if k.side:
        out["side"] = k.side
    if k.citat:
        out["citat"] = k.citat
    return out


def _amounts(bs: tuple[Beloeb, ...]) -> dict[int, str]:
    return {b.aar: str(b.kr) for b in bs}


def _maal(m: PlanMaal) -> dict[str, object]:
    return {
        "id": m.id,
        "titel": m.titel,
        "type": m.type.value,
        "goal_id": m.goal_id,
        "ministermaal": m.ministermaal,
        "maaltal": [
            {"aar": t.aar, "vaerdi": t.vaerdi, "kilde": kilde_to_dict(t.kilde)} for t in m.maaltal
        ],
        "succeskriterie": m.succeskriterie,
        "maaling": m.maaling,
        "kilde": kilde_to_dict(m.kilde),
    }


def _indsats(i: Indsats) -> dict[str, object]:
    return {
        "id": i.id,
        "titel": i.titel,
        "beskrivelse": i.beskrivelse,
        "maalgruppe": i.maalgruppe,
        "ansvarlig": i.ansvarlig,
        "start": i.start.isoformat() if i.start else None,
        "slut": i.slut.isoformat() if i.slut else None,
        "status": i.status.value,
        "milepaele": [
            {
                "titel": m.titel,
                "frist": m.frist.isoformat(),
                "naaet": m.naaet.isoformat() if m.naaet else None,
            }
            for m in i.milepaele
        ],
        "tilbud": list(i.tilbud),
        "investeringer": list(i.investeringer),
        "budget": _amounts(i.budget),
        "kilde": kilde_to_dict(i.kilde),
    }


def case_to_dict(c: Investeringscase) -> dict[str, object]:
    """A business case in the mapping form `case_from_mapping` reads."""
    return {
        "navn": c.navn,
        "ydelse": c.ydelse.value,
        "start_aar": c.start_aar,
        "aar": c.aar,
        "ekstra_aarsvaerk": [str(v) for v in c.ekstra_aarsvaerk],
        "pris_pr_aarsvaerk": str(c.pris_pr_aarsvaerk),
        "effekt_fuldtidspersoner": [str(v) for v in c.effekt_fuldtidspersoner],
        "enhedspris_netto": str(c.enhedspris_netto),
        "oevrige_udgifter": [str(v) for v in c.oevrige_udgifter],
        "sagsstamme_foer": c.sagsstamme_foer,
        "sagsstamme_efter": c.sagsstamme_efter,
        "fuldtidspersoner_uden": (
            None if c.fuldtidspersoner_uden is None else str(c.fuldtidspersoner_uden)
        ),
        "kilde": c.kilde,
        "antagelser": list(c.antagelser),
    }


def situation_to_dict(s: Situation) -> dict[str, object]:
    return {
        "tekst": s.tekst,
        "tabeller": [
            {
                "titel": t.titel,
                "kolonner": list(t.kolonner),
                "raekker": [list(r) for r in t.raekker],
                "kilde": t.kilde,
            }
            for t in s.tabeller
        ],
        "figurer": [
            {
                "titel": f.titel,
                "enhed": f.enhed,
                "punkter": [list(p) for p in f.punkter],
                "kilde": f.kilde,
            }
            for f in s.figurer
        ],
        "dannet": s.dannet,
    }


def version_to_dict(v: PlanVersion) -> dict[str, object]:
    """The version as plain data (JSON- and YAML-safe); `version_from_dict` reads it back."""
    return {
        "kommune": v.kommune,
        "titel": v.titel,
        "periode": {"fra": v.foerste_aar, "til": v.sidste_aar},
        "betegnelse": v.betegnelse,
        "udvalg": v.udvalg,
        "status": v.status.value,
        "godkendelse": None
        if v.godkendelse is None
        else {
            "dato": v.godkendelse.dato.isoformat() if v.godkendelse.dato else None,
            "organ": v.godkendelse.organ,
            "beslutning": v.godkendelse.beslutning,
        },
        "indledning": v.indledning,
        "situation": situation_to_dict(v.situation),
        "maal": [_maal(m) for m in v.maal],
        "fokusomraader": [
            {
                "id": f.id,
                "titel": f.titel,
                "beskrivelse": f.beskrivelse,
                "ministermaal": list(f.ministermaal),
                "maal": [_maal(m) for m in f.maal],
                "indsatser": [_indsats(i) for i in f.indsatser],
                "kilde": kilde_to_dict(f.kilde),
            }
            for f in v.fokusomraader
        ],
        "investeringer": [
            {
                "id": i.id,
                "titel": i.titel,
                "case": None if i.case is None else case_to_dict(i.case),
                "beskrivelse": i.beskrivelse,
                "tabeller": [
                    {
                        "id": t.id,
                        "titel": t.titel,
                        "csv": t.csv,
                        "kilde": kilde_to_dict(t.kilde),
                        "note": t.note,
                    }
                    for t in i.tabeller
                ],
                "kilde": kilde_to_dict(i.kilde),
            }
            for i in v.investeringer
        ],
        "budget": [
            {
                "id": b.id,
                "post": b.post,
                "art": b.art.value,
                "beloeb": _amounts(b.beloeb),
                "kilde": kilde_to_dict(b.kilde),
                "note": b.note,
            }
            for b in v.budget
        ],
        "kilde": kilde_to_dict(v.kilde),
    }
