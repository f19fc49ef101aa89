"""Value objects: the case (`Sag`) the rules read, and the `Obligation` they produce.

`Sag.from_dict` reads the JSON form documented in docs/rules.md and raises `InputError` naming the
field (e.g. ``tilbud[1].slut``) for anything malformed: unknown benefit, end before start, missing
dates. Nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from indsats.domain.maalgrupper import Maalgruppe, NoMaalgruppe, Visitation, maalgruppe_for
from indsats.domain.tilbud import TilbudType
from indsats.domain.ydelser import Ydelse

HOLDERS = ("jobcenter", "akasse", "arbejdsgiver", "borger")
SAMTALE_TYPES = ("jobsamtale", "faelles", "opfoelgning", "repatriering")
ANSAETTELSER = ("loenmodtager", "selvstaendig", "ledig")
STATES = ("met", "open", "overdue", "upcoming", "info")


class InputError(ValueError):
    """Malformed case or history input. `field` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


# --------------------------------------------------------------------------- parsing helpers


def _date(raw: Any, fieldname: str, *, required: bool = True) -> date | None:
    if raw is None or raw == "":
        if required:
            raise InputError(fieldname, "missing date (YYYY-MM-DD)")
        return None
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise InputError(fieldname, f"{raw!r} is not a date (YYYY-MM-DD)")


def _bool(raw: Any, fieldname: str, default: bool = False) -> bool:
    if raw is None:
        return default
    if isinstance(raw, bool):
        return raw
    raise InputError(fieldname, f"{raw!r} is not true/false")


def _int(raw: Any, fieldname: str, *, default: int | None = None, minimum: int = 0) -> int:
    if raw is None:
        if default is None:
            raise InputError(fieldname, "missing number")
        return default
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise InputError(fieldname, f"{raw!r} is not a whole number")
    if raw < minimum:
        raise InputError(fieldname, f"{raw} is below {minimum}")
    return raw


def _choice(raw: Any, fieldname: str, choices: tuple[str, ...], default: str | None = None) -> str:
    if raw is None and default is not None:
        return default
    if raw not in choices:
        raise InputError(fieldname, f"{raw!r} is not one of {', '.join(choices)}")
    return raw


def _list(raw: Any, fieldname: str) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError(fieldname, "must be a list")
    return raw


def _mapping(raw: Any, fieldname: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise InputError(fieldname, "must be an object")
    return raw


def _check_keys(obj: Mapping[str, Any], allowed: set[str], fieldname: str) -> None:
    unknown = sorted(set(obj) - allowed)
    if unknown:
        prefix = f"{fieldname}." if fieldname else ""
        raise InputError(
            f"{prefix}{unknown[0]}", f"unknown field (known: {', '.join(sorted(allowed))})"
        )


# --------------------------------------------------------------------------- value objects


@dataclass(frozen=True, slots=True)
class Periode:
    fra: date
    til: date | None = None  # inclusive; None = open

    @classmethod
    def parse(cls, raw: Any, fieldname: str, *, open_end: bool = True) -> Periode:
        obj = _mapping(raw, fieldname)
        _check_keys(obj, {"fra", "til"}, fieldname)
        fra = _date(obj.get("fra"), f"{fieldname}.fra")
        til = _date(obj.get("til"), f"{fieldname}.til", required=not open_end)
        if til is not None and til < fra:
            raise InputError(f"{fieldname}.til", f"end {til} is before start {fra}")
        return cls(fra, til)  # type: ignore[arg-type]

    def days(self) -> int:
        if self.til is None:
            raise ValueError("open period has no length")
        return (self.til - self.fra).days + 1

    def covers(self, day: date) -> bool:
        return self.fra <= day and (self.til is None or day <= self.til)


@dataclass(frozen=True, slots=True)
class Samtale:
    dato: date
    holder: str = "jobcenter"  # jobcenter | akasse
    type: str = "jobsamtale"  # jobsamtale | faelles | opfoelgning | repatriering

    @classmethod
    def parse(cls, raw: Any, fieldname: str) -> Samtale:
        obj = _mapping(raw, fieldname)
        _check_keys(obj, {"dato", "holder", "type"}, fieldname)
        return cls(
            _date(obj.get("dato"), f"{fieldname}.dato"),  # type: ignore[arg-type]
            _choice(obj.get("holder"), f"{fieldname}.holder", ("jobcenter", "akasse"), "jobcenter"),
            _choice(obj.get("type"), f"{fieldname}.type", SAMTALE_TYPES, "jobsamtale"),
        )

    @property
    def count_key(self) -> str:
        """Which obligations this samtale can fulfil."""
        if self.type == "jobsamtale":
            return f"jobsamtale:{self.holder}"
        return f"{self.type}:jobcenter"


@dataclass(frozen=True, slots=True)
class Tilbud:
    type: TilbudType
    start: date
    slut: date | None = None  # planned or actual last day; None = open-ended
    tilbudt: date | None = None  # date offered (needed for a late-starting løntilskud)

    @classmethod
    def parse(cls, raw: Any, fieldname: str) -> Tilbud:
        obj = _mapping(raw, fieldname)
        _check_keys(obj, {"type", "start", "slut", "tilbudt"}, fieldname)
        try:
            ttype = TilbudType(obj.get("type"))
        except ValueError:
            known = ", ".join(t.value for t in TilbudType)
            raise InputError(
                f"{fieldname}.type", f"unknown tilbud type {obj.get('type')!r}; known: {known}"
            ) from None
        start = _date(obj.get("start"), f"{fieldname}.start")
        slut = _date(obj.get("slut"), f"{fieldname}.slut", required=False)
        if slut is not None and slut < start:  # type: ignore[operator]
            raise InputError(f"{fieldname}.slut", f"end {slut} is before start {start}")
        tilbudt = _date(obj.get("tilbudt"), f"{fieldname}.tilbudt", required=False)
        return cls(ttype, start, slut, tilbudt)  # type: ignore[arg-type]

    def length_days(self) -> int | None:
        return None if self.slut is None else (self.slut - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Forlaengelse:
    grund: int  # SDL § 27 stk. 1 nr. 1-7


@dataclass(frozen=True, slots=True)
class SygedagpengeInfo:
    foerste_fravaersdag: date
    # SDL § 12: "1", "2" ("3" until 2024-12-31). Required: the law has no default category, and
    # the opfølgningssamtaler of SDL § 13 b apply to category 2 (and 3), not to category 1.
    kategori: str
    ansaettelse: str = "loenmodtager"  # loenmodtager | selvstaendig | ledig
    perioder: tuple[
        Periode, ...
    ] = ()  # days with sygedagpenge; empty = one period from the first absence day to the end of the case
    forlaengelse: Forlaengelse | None = None
    revurderet: date | None = None

    @classmethod
    def parse(cls, raw: Any, fieldname: str) -> SygedagpengeInfo:
        obj = _mapping(raw, fieldname)
        _check_keys(
            obj,
            {
                "foerste_fravaersdag",
                "kategori",
                "ansaettelse",
                "perioder",
                "forlaengelse",
                "revurderet",
            },
            fieldname,
        )
        first = _date(obj.get("foerste_fravaersdag"), f"{fieldname}.foerste_fravaersdag")
        if obj.get("kategori") in (None, ""):
            raise InputError(
                f"{fieldname}.kategori", "missing: the visitation category (SDL § 12), 1 or 2"
            )
        kategori = obj["kategori"]
        if isinstance(kategori, int) and not isinstance(kategori, bool):
            kategori = str(kategori)
        kategori = _choice(kategori, f"{fieldname}.kategori", ("1", "2", "3"))
        perioder = tuple(
            Periode.parse(p, f"{fieldname}.perioder[{i}]")
            for i, p in enumerate(_list(obj.get("perioder"), f"{fieldname}.perioder"))
        )
        for i, (a, b) in enumerate(zip(perioder, perioder[1:], strict=False)):
            if a.til is None or b.fra <= a.til:
                raise InputError(
                    f"{fieldname}.perioder[{i + 1}].fra",
                    "periods must be ordered and must not overlap",
                )
        if perioder and perioder[0].fra < first:  # type: ignore[operator]
            raise InputError(f"{fieldname}.perioder[0].fra", "starts before foerste_fravaersdag")
        forl = None
        if obj.get("forlaengelse") is not None:
            fobj = _mapping(obj["forlaengelse"], f"{fieldname}.forlaengelse")
            _check_keys(fobj, {"grund"}, f"{fieldname}.forlaengelse")
            grund = _int(fobj.get("grund"), f"{fieldname}.forlaengelse.grund", minimum=1)
            if grund > 7:
                raise InputError(
                    f"{fieldname}.forlaengelse.grund", f"{grund} is not a ground 1-7 (SDL § 27)"
                )
            forl = Forlaengelse(grund)
        return cls(
            first,  # type: ignore[arg-type]
            kategori,
            _choice(
                obj.get("ansaettelse"), f"{fieldname}.ansaettelse", ANSAETTELSER, "loenmodtager"
            ),
            perioder,
            forl,
            _date(obj.get("revurderet"), f"{fieldname}.revurderet", required=False),
        )


@dataclass(frozen=True, slots=True)
class Repatriering:
    omfattet: bool  # covered by repatrieringsloven (decided by the caseworker)
    ophold_fra: date  # start of residence in Denmark
    maaneder_kontanthjaelp_seneste_36: int = (
        0  # months with kontanthjælp-type benefit in the last 36
    )

    @classmethod
    def parse(cls, raw: Any, fieldname: str) -> Repatriering:
        obj = _mapping(raw, fieldname)
        _check_keys(obj, {"omfattet", "ophold_fra", "maaneder_kontanthjaelp_seneste_36"}, fieldname)
        months = _int(
            obj.get("maaneder_kontanthjaelp_seneste_36"),
            f"{fieldname}.maaneder_kontanthjaelp_seneste_36",
            default=0,
        )
        if months > 36:
            raise InputError(
                f"{fieldname}.maaneder_kontanthjaelp_seneste_36", f"{months} is more than 36"
            )
        return cls(
            _bool(obj.get("omfattet"), f"{fieldname}.omfattet", default=True),
            _date(obj.get("ophold_fra"), f"{fieldname}.ophold_fra"),  # type: ignore[arg-type]
            months,
        )


@dataclass(frozen=True, slots=True)
class Sag:
    """One benefit course of one citizen (a change of ydelse is a new Sag, LAB § 9)."""

    sag_id: str
    ydelse: Ydelse
    start: date  # tilmelding (dagpenge), first request (kontanthjælp), start of the ydelse (others)
    maalgruppe: Maalgruppe
    visitation: Visitation | None = None
    slut: date | None = None
    foedselsdato: date | None = None
    erhvervskompetencegivende_uddannelse: bool = False
    forsoergerpligt_boern: bool = False
    tidligere_ledighed: tuple[
        Periode, ...
    ] = ()  # dagpenge only: earlier ledighed in the same dagpengeperiode
    jobcenter_fra_start: bool = (
        False  # dagpenge: sent to the jobcenter from the start (LAB § 27 stk. 3)
    )
    integrationsprogram_start: date | None = None
    repatriering: Repatriering | None = None
    fritagelser: tuple[Periode, ...] = ()
    samtaler: tuple[Samtale, ...] = ()
    tilbud: tuple[Tilbud, ...] = ()
    cv_registreret: date | None = None
    uddannelsespaalaeg_givet: date | None = None
    sygedagpenge: SygedagpengeInfo | None = None
    visiteret: date | None = None  # date of the final visitation (BEK § 6)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def tidligere_ledighed_dage(self) -> int:
        return sum(p.days() for p in self.tidligere_ledighed)

    def age_on(self, day: date) -> int | None:
        if self.foedselsdato is None:
            return None
        b = self.foedselsdato
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    @classmethod
    def from_dict(cls, raw: Any) -> Sag:
        obj = _mapping(raw, "sag")
        allowed = {
            "sag_id",
            "ydelse",
            "start",
            "slut",
            "maalgruppe",
            "visitation",
            "foedselsdato",
            "erhvervskompetencegivende_uddannelse",
            "forsoergerpligt_boern",
            "tidligere_ledighed",
            "jobcenter_fra_start",
            "integrationsprogram_start",
            "repatriering",
            "fritagelser",
            "samtaler",
            "tilbud",
            "cv_registreret",
            "uddannelsespaalaeg_givet",
            "sygedagpenge",
            "visiteret",
        }
        _check_keys(obj, allowed, "")
        sag_id = obj.get("sag_id")
        if not isinstance(sag_id, str | int) or sag_id == "":
            raise InputError("sag_id", "missing case id")
        try:
            ydelse = Ydelse(obj.get("ydelse"))
        except ValueError:
            known = ", ".join(y.value for y in Ydelse)
            raise InputError(
                "ydelse", f"unknown ydelse {obj.get('ydelse')!r}; known: {known}"
            ) from None
        start = _date(obj.get("start"), "start")
        slut = _date(obj.get("slut"), "slut", required=False)
        if slut is not None and slut < start:  # type: ignore[operator]
            raise InputError("slut", f"end {slut} is before start {start}")
        visitation = None
        if obj.get("visitation") is not None:
            try:
                visitation = Visitation(obj["visitation"])
            except ValueError:
                known = ", ".join(v.value for v in Visitation)
                raise InputError(
                    "visitation", f"unknown visitation {obj['visitation']!r}; known: {known}"
                ) from None
        foedselsdato = _date(obj.get("foedselsdato"), "foedselsdato", required=False)
        uddannelse = _bool(
            obj.get("erhvervskompetencegivende_uddannelse"), "erhvervskompetencegivende_uddannelse"
        )
        if obj.get("maalgruppe") is not None:
            try:
                maalgruppe = Maalgruppe(obj["maalgruppe"])
            except ValueError:
                known = ", ".join(m.value for m in Maalgruppe)
                raise InputError(
                    "maalgruppe", f"unknown maalgruppe {obj['maalgruppe']!r}; known: {known}"
                ) from None
        else:
            u30 = False
            if ydelse in (
                Ydelse.KONTANTHJAELP,
                Ydelse.UDDANNELSESHJAELP,
                Ydelse.SELVFORSOERGELSES_OG_HJEMREJSEYDELSE,
                Ydelse.OVERGANGSYDELSE,
            ):
                if visitation is None:
                    raise InputError("visitation", f"required for ydelse {ydelse.value}")
                if foedselsdato is None:
                    raise InputError(
                        "foedselsdato",
                        f"required for ydelse {ydelse.value} (age decides the målgruppe)",
                    )
                b = foedselsdato
                age = start.year - b.year - ((start.month, start.day) < (b.month, b.day))  # type: ignore[union-attr]
                u30 = age < 30 and not uddannelse
            try:
                maalgruppe = maalgruppe_for(
                    ydelse,
                    start,
                    visitation=visitation,  # type: ignore[arg-type]
                    under_30_uden_uddannelse=u30,
                ).maalgruppe
            except NoMaalgruppe as exc:
                raise InputError("maalgruppe", str(exc)) from None
        tidligere = tuple(
            Periode.parse(p, f"tidligere_ledighed[{i}]", open_end=False)
            for i, p in enumerate(_list(obj.get("tidligere_ledighed"), "tidligere_ledighed"))
        )
        if tidligere and ydelse is not Ydelse.DAGPENGE:
            raise InputError("tidligere_ledighed", "only dagpenge count summed ledighed (LAB § 9)")
        for i, p in enumerate(tidligere):
            if p.til is not None and p.til >= start:  # type: ignore[operator]
                raise InputError(f"tidligere_ledighed[{i}].til", "must end before start")
        sdp = None
        if obj.get("sygedagpenge") is not None:
            sdp = SygedagpengeInfo.parse(obj["sygedagpenge"], "sygedagpenge")
        if ydelse is Ydelse.SYGEDAGPENGE and sdp is None:
            raise InputError(
                "sygedagpenge", "required for ydelse sygedagpenge (foerste_fravaersdag, kategori)"
            )
        rep = None
        if obj.get("repatriering") is not None:
            rep = Repatriering.parse(obj["repatriering"], "repatriering")
        return cls(
            sag_id=str(sag_id),
            ydelse=ydelse,
            start=start,  # type: ignore[arg-type]
            maalgruppe=maalgruppe,
            visitation=visitation,
            slut=slut,
            foedselsdato=foedselsdato,
            erhvervskompetencegivende_uddannelse=uddannelse,
            forsoergerpligt_boern=_bool(obj.get("forsoergerpligt_boern"), "forsoergerpligt_boern"),
            tidligere_ledighed=tidligere,
            jobcenter_fra_start=_bool(obj.get("jobcenter_fra_start"), "jobcenter_fra_start"),
            integrationsprogram_start=_date(
                obj.get("integrationsprogram_start"), "integrationsprogram_start", required=False
            ),
            repatriering=rep,
            fritagelser=tuple(
                Periode.parse(p, f"fritagelser[{i}]")
                for i, p in enumerate(_list(obj.get("fritagelser"), "fritagelser"))
            ),
            samtaler=tuple(
                Samtale.parse(s, f"samtaler[{i}]")
                for i, s in enumerate(_list(obj.get("samtaler"), "samtaler"))
            ),
            tilbud=tuple(
                Tilbud.parse(t, f"tilbud[{i}]")
                for i, t in enumerate(_list(obj.get("tilbud"), "tilbud"))
            ),
            cv_registreret=_date(obj.get("cv_registreret"), "cv_registreret", required=False),
            uddannelsespaalaeg_givet=_date(
                obj.get("uddannelsespaalaeg_givet"), "uddannelsespaalaeg_givet", required=False
            ),
            sygedagpenge=sdp,
            visiteret=_date(obj.get("visiteret"), "visiteret", required=False),
        )


@dataclass(frozen=True, slots=True)
class Obligation:
    """One duty (or municipal target) on a case, with everything needed to say why."""

    sag_id: str
    rule_id: str  # e.g. "LAB.31.jobsamtale"
    kind: str  # samtale | tilbud | cv | selvbooking | uddannelsespaalaeg | visitation | repatriering | opfoelgning | revurdering | forlaengelse | jobafklaring
    nr: int  # 1-based number within the rule (samtale nr. 2 of 4)
    holder: str  # jobcenter | akasse | arbejdsgiver | borger
    due_from: date | None
    due_by: date | None
    personal_duty: (
        bool  # False: a municipality-level target (from 2026-07-01), not a duty in this case
    )
    met: bool
    met_on: date | None
    state: str  # met | open | overdue | upcoming | info
    parameter: str  # parameter key, e.g. "kontaktforloeb.samtaler.dagpenge"
    parameter_from: date
    parameter_to: date | None
    legal_reference: str
    source_url: str
    status: str  # verified | unverified
    text_da: str
    due_by_non_working_day: str | None = None  # e.g. "Juledag", "lørdag": reported, never moved

    @property
    def parameter_version(self) -> dict[str, str | None]:
        return {
            "from": self.parameter_from.isoformat(),
            "to": self.parameter_to.isoformat() if self.parameter_to else None,
        }

    def to_dict(self) -> dict[str, Any]:
        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "sag_id": self.sag_id,
            "rule_id": self.rule_id,
            "kind": self.kind,
            "nr": self.nr,
            "holder": self.holder,
            "due_from": iso(self.due_from),
            "due_by": iso(self.due_by),
            "personal_duty": self.personal_duty,
            "met": self.met,
            "met_on": iso(self.met_on),
            "state": self.state,
            "parameter": self.parameter,
            "parameter_version": self.parameter_version,
            "legal_reference": self.legal_reference,
            "source_url": self.source_url,
            "status": self.status,
            "text_da": self.text_da,
            "due_by_non_working_day": self.due_by_non_working_day,
        }
