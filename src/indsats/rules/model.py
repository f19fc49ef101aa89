"""Value objects: the case (`Sag`) the rules read, and the `Obligation` they produce.

`Sag.from_dict` reads the JSON form documented in docs/rules.md and raises `InputError` naming the
field (e.g. ``tilbud[1].slut``) for anything malformed: unknown benefit, end before start, missing
dates. Nothing is guessed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, overload

from indsats.domain.maalgrupper import (
    Maalgruppe,
    NoMaalgruppe,
    Visitation,
    maalgruppe_for,
    maalgrupper_for,
)
from indsats.domain.tilbud import TilbudType
from indsats.domain.ydelser import KONTANTHJAELP_TYPE, Ydelse

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


FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)  # the dates a case can hold


@overload
def _date(raw: Any, fieldname: str, *, required: Literal[True] = True) -> date: ...
@overload
def _date(raw: Any, fieldname: str, *, required: bool) -> date | None: ...
def _date(raw: Any, fieldname: str, *, required: bool = True) -> date | None:
    if raw is None or raw == "":
        if required:
            raise InputError(fieldname, "missing date (YYYY-MM-DD)")
        return None
    day: date | None = raw if isinstance(raw, date) else None
    if isinstance(raw, str):
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(raw)
    if day is None:
        raise InputError(fieldname, f"{raw!r} is not a date (YYYY-MM-DD)")
    if not FIRST_DAY <= day <= LAST_DAY:
        # Deadlines are dates years after a case's dates; near year 9999 they do not exist.
        raise InputError(fieldname, f"{day} is outside {FIRST_DAY.year}-{LAST_DAY.year}")
    return day


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
    return str(raw)


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
        return cls(fra, til)

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
            _date(obj.get("dato"), f"{fieldname}.dato"),
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
            ttype = TilbudType(str(obj.get("type")))
        except ValueError:
            known = ", ".join(t.value for t in TilbudType)
            raise InputError(
                f"{fieldname}.type", f"unknown tilbud type {obj.get('type')!r}; known: {known}"
            ) from None
        start = _date(obj.get("start"), f"{fieldname}.start")
        slut = _date(obj.get("slut"), f"{fieldname}.slut", required=False)
        if slut is not None and slut < start:
            raise InputError(f"{fieldname}.slut", f"end {slut} is before start {start}")
        tilbudt = _date(obj.get("tilbudt"), f"{fieldname}.tilbudt", required=False)
        return cls(ttype, start, slut, tilbudt)

    def length_days(self) -> int | None:
        return None if self.slut is None else (self.slut - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Forlaengelse:
    grund: int  # SDL § 27 stk. 1 nr. 1-7
    til: date | None = None  # last day decided by the municipality (grounds without a fixed limit)


@dataclass(frozen=True, slots=True)
class Antagelse:
    """A value the rules assumed because the input left it out, said in the output."""

    felt: str  # the input field, e.g. "visitation"
    vaerdi: str  # the value assumed
    text_da: str
    legal_reference: str
    source_url: str
    status: str  # verified | secondary | unverified

    def to_dict(self) -> dict[str, Any]:
        return {
            "felt": self.felt,
            "vaerdi": self.vaerdi,
            "text_da": self.text_da,
            "legal_reference": self.legal_reference,
            "source_url": self.source_url,
            "status": self.status,
        }


FORSIKRINGER = ("ingen", "dag_1", "dag_3")  # SDL § 45 (self-employed)


@dataclass(frozen=True, slots=True)
class SygedagpengeInfo:
    foerste_fravaersdag: date
    # SDL § 12: "1", "2" ("3" until 2024-12-31). Required: the law has no default category, and
    # the opfølgningssamtaler of SDL § 13 b apply to category 2 (and 3), not to category 1.
    kategori: str
    ansaettelse: str = "loenmodtager"  # loenmodtager | selvstaendig | ledig
    perioder: tuple[Periode, ...] = ()  # absences (fraværsperioder), each a new absence;
    # empty = one absence from the first absence day to the end of the case
    forlaengelse: Forlaengelse | None = None
    revurderet: date | None = None
    arbejdsgiverperiode: bool = True  # employee: the employer pays the first 30 days (SDL § 30)
    forsikring: str = "ingen"  # self-employed: SDL § 45 insurance (ingen | dag_1 | dag_3)
    tidlig_opfoelgning: date | None = None  # day early follow-up was requested (SDL §§ 7 c, 7 e)
    tidlig_opfoelgning_afvist: bool = False  # the sick person declined it (SDL § 13 b stk. 3)
    forenklet_opfoelgning: bool = False  # SDL § 13 f (a job, full return expected within 13 weeks)

    def absences(self, case_end: date | None) -> tuple[Periode, ...]:
        """The absence periods; without explicit periods one from the first absence day."""
        return self.perioder or (Periode(self.foerste_fravaersdag, case_end),)

    @classmethod
    def parse(
        cls, raw: Any, fieldname: str, *, case_start: date | None = None
    ) -> tuple[SygedagpengeInfo, tuple[Antagelse, ...]]:
        """The info and the assumptions made for fields left out (stated in the output)."""
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
                "arbejdsgiverperiode",
                "forsikring",
                "tidlig_opfoelgning",
                "tidlig_opfoelgning_afvist",
                "forenklet_opfoelgning",
            },
            fieldname,
        )
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
        # One first sick day: `foerste_fravaersdag` is what the rules read; the case's start
        # and the first absence may say it too, but only the same day (issue 17).
        given = [
            (
                f"{fieldname}.foerste_fravaersdag",
                _date(
                    obj.get("foerste_fravaersdag"),
                    f"{fieldname}.foerste_fravaersdag",
                    required=False,
                ),
            ),
            (f"{fieldname}.perioder[0].fra", perioder[0].fra if perioder else None),
            ("start", case_start),
        ]
        named = [(name, day) for name, day in given if day is not None]
        if not named:
            raise InputError(
                f"{fieldname}.foerste_fravaersdag",
                "missing date (YYYY-MM-DD): give the first absence day here, as the first of "
                "perioder or (a sygedagpenge case) as the case's start",
            )
        first_name, first = named[0]
        for name, day in named[1:]:
            if day != first:
                raise InputError(
                    name if name != "start" else first_name,
                    f"two different first sick days: {first_name} is {first.isoformat()}, "
                    f"{name} is {day.isoformat()}; give the first absence day once "
                    "(foerste_fravaersdag, the first of perioder or the case's start), or the "
                    "same day in each",
                )
        kategori = obj.get("kategori")
        if isinstance(kategori, int) and not isinstance(kategori, bool):
            kategori = str(kategori)
        if kategori is None:
            raise InputError(
                f"{fieldname}.kategori",
                "missing: the visitation category (SDL § 12) decides the opfølgning; accepted: "
                '"1" (expected back within 8 weeks), "2" (longer), "3" (until 31.12.2024)',
            )
        kategori = _choice(kategori, f"{fieldname}.kategori", ("1", "2", "3"))
        forl = None
        if obj.get("forlaengelse") is not None:
            fobj = _mapping(obj["forlaengelse"], f"{fieldname}.forlaengelse")
            _check_keys(fobj, {"grund", "til"}, f"{fieldname}.forlaengelse")
            grund = _int(fobj.get("grund"), f"{fieldname}.forlaengelse.grund", minimum=1)
            if grund > 7:
                raise InputError(
                    f"{fieldname}.forlaengelse.grund", f"{grund} is not a ground 1-7 (SDL § 27)"
                )
            forl = Forlaengelse(
                grund, _date(fobj.get("til"), f"{fieldname}.forlaengelse.til", required=False)
            )
        antagelser: list[Antagelse] = []
        ansaettelse = obj.get("ansaettelse")
        if ansaettelse is None:
            ansaettelse = "loenmodtager"
            antagelser.append(
                Antagelse(
                    f"{fieldname}.ansaettelse",
                    ansaettelse,
                    "Borgeren er antaget at være lønmodtager (ansættelse er ikke oplyst).",
                    "SDL §§ 30-32",
                    "https://danskelove.dk/sygedagpengeloven/30",
                    "verified",
                )
            )
        ansaettelse = _choice(ansaettelse, f"{fieldname}.ansaettelse", ANSAETTELSER)
        agp_raw = obj.get("arbejdsgiverperiode")
        if agp_raw is not None and ansaettelse != "loenmodtager":
            raise InputError(
                f"{fieldname}.arbejdsgiverperiode", "only for ansaettelse loenmodtager (SDL § 30)"
            )
        if agp_raw is None and ansaettelse == "loenmodtager":
            antagelser.append(
                Antagelse(
                    f"{fieldname}.arbejdsgiverperiode",
                    "true",
                    "Arbejdsgiveren er antaget at betale de første 30 dage (SDL § 30, stk. 2: "
                    "ansat i 8 uger og mindst 74 timer); er kravet ikke opfyldt, betaler kommunen "
                    "fra første fraværsdag.",
                    "SDL § 30, stk. 2",
                    "https://danskelove.dk/sygedagpengeloven/30",
                    "verified",
                )
            )
        forsikring = obj.get("forsikring")
        if forsikring is not None and ansaettelse != "selvstaendig":
            raise InputError(
                f"{fieldname}.forsikring", "only for ansaettelse selvstaendig (SDL § 45)"
            )
        return (
            cls(
                first,
                kategori,
                ansaettelse,
                perioder,
                forl,
                _date(obj.get("revurderet"), f"{fieldname}.revurderet", required=False),
                _bool(agp_raw, f"{fieldname}.arbejdsgiverperiode", default=True),
                _choice(forsikring, f"{fieldname}.forsikring", FORSIKRINGER, "ingen"),
                _date(
                    obj.get("tidlig_opfoelgning"), f"{fieldname}.tidlig_opfoelgning", required=False
                ),
                _bool(
                    obj.get("tidlig_opfoelgning_afvist"), f"{fieldname}.tidlig_opfoelgning_afvist"
                ),
                _bool(obj.get("forenklet_opfoelgning"), f"{fieldname}.forenklet_opfoelgning"),
            ),
            tuple(antagelser),
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
            _date(obj.get("ophold_fra"), f"{fieldname}.ophold_fra"),
            months,
        )


def whole_years(start: date, day: date) -> int:
    return day.year - start.year - ((day.month, day.day) < (start.month, start.day))


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
    alder: int | None = None  # age on `start` when the birth date is not given
    arbejdspligt: bool = False  # covered by arbejdspligt (LAB kap. 16 a)
    antagelser: tuple[Antagelse, ...] = ()  # defaults the rules applied, said in the output
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def tidligere_ledighed_dage(self) -> int:
        return sum(p.days() for p in self.tidligere_ledighed)

    def age_on(self, day: date) -> int | None:
        """Exact age on `day` from the birth date; from `alder` only on the case's start."""
        if self.foedselsdato is not None:
            return whole_years(self.foedselsdato, day)
        if self.alder is not None and day == self.start:
            return self.alder
        return None

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
            "alder",
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
            "arbejdspligt",
        }
        _check_keys(obj, allowed, "")
        from indsats.rules.names import UnknownName, fold, maalgruppe_of, visitation_of

        sag_id = obj.get("sag_id")
        if not isinstance(sag_id, str | int) or sag_id == "":
            raise InputError("sag_id", "missing case id")
        ydelse_raw = obj.get("ydelse")
        try:
            if not isinstance(ydelse_raw, str):
                raise ValueError(ydelse_raw)
            ydelse = Ydelse(fold(ydelse_raw))
        except ValueError:
            known = ", ".join(y.value for y in Ydelse)
            raise InputError("ydelse", f"unknown ydelse {ydelse_raw!r}; known: {known}") from None
        antagelser: list[Antagelse] = []
        start = _date(obj.get("start"), "start", required=ydelse is not Ydelse.SYGEDAGPENGE)
        sdp = None
        if obj.get("sygedagpenge") is not None:
            # The case's start is the first sick day only for a sygedagpenge case (a
            # jobafklaringsforløb after sygedagpenge starts on its own day).
            sdp, sdp_antagelser = SygedagpengeInfo.parse(
                obj["sygedagpenge"],
                "sygedagpenge",
                case_start=start if ydelse is Ydelse.SYGEDAGPENGE else None,
            )
            antagelser.extend(sdp_antagelser)
        if ydelse is Ydelse.SYGEDAGPENGE and sdp is None:
            raise InputError(
                "sygedagpenge",
                "required for ydelse sygedagpenge (at least kategori; the first absence day may "
                "be given as start)",
            )
        if start is None:
            assert sdp is not None
            start = sdp.foerste_fravaersdag  # one input for the first sick day
        slut = _date(obj.get("slut"), "slut", required=False)
        if slut is not None and slut < start:
            raise InputError("slut", f"end {slut} is before start {start}")
        visitation = None
        if obj.get("visitation") is not None:
            try:
                visitation = visitation_of(obj["visitation"])
            except UnknownName as exc:
                raise InputError("visitation", str(exc)) from None
        foedselsdato = _date(obj.get("foedselsdato"), "foedselsdato", required=False)
        alder = None
        if obj.get("alder") is not None:
            alder = _int(obj.get("alder"), "alder", minimum=0)
            if alder > 130:
                raise InputError("alder", f"{alder} is not an age")
            if foedselsdato is not None and whole_years(foedselsdato, start) != alder:
                raise InputError(
                    "alder",
                    f"{alder} does not match foedselsdato {foedselsdato} on start {start} "
                    f"({whole_years(foedselsdato, start)} years)",
                )
        if foedselsdato is not None:
            alder_ved_start: int | None = whole_years(foedselsdato, start)
        else:
            alder_ved_start = alder
        uddannelse = _bool(
            obj.get("erhvervskompetencegivende_uddannelse"), "erhvervskompetencegivende_uddannelse"
        )
        maalgruppe: Maalgruppe | None = None
        if obj.get("maalgruppe") is not None:
            try:
                named = maalgruppe_of(obj["maalgruppe"])
            except UnknownName as exc:
                raise InputError("maalgruppe", str(exc)) from None
            if isinstance(named, Visitation):
                if visitation is not None and visitation is not named:
                    raise InputError(
                        "maalgruppe",
                        f"{obj['maalgruppe']!r} says {named.value}, but visitation is "
                        f"{visitation.value}",
                    )
                visitation = named
            else:
                # A named group the benefit cannot give (e.g. "sygemeldt" on a dagpenge case)
                # would silently drop the benefit's duties; before 2020 no group is known and the
                # parameters refuse the case instead.
                possible = sorted({m.maalgruppe.value for m in maalgrupper_for(ydelse, start)})
                if possible and named.value not in possible:
                    raise InputError(
                        "maalgruppe",
                        f"{obj['maalgruppe']!r} is the målgruppe {named.value}, which ydelse "
                        f"{ydelse.value} does not give on {start.isoformat()}; it gives: "
                        f"{', '.join(possible)}",
                    )
                maalgruppe = named
        if maalgruppe is None:
            u30 = False
            if ydelse in KONTANTHJAELP_TYPE:
                if alder_ved_start is None:
                    raise InputError(
                        "alder",
                        f"required for ydelse {ydelse.value}: give alder (age on start) or "
                        "foedselsdato (age decides the målgruppe)",
                    )
                u30 = alder_ved_start < 30 and not uddannelse
                if visitation is None:
                    visitation = _default_visitation(ydelse, start, u30, antagelser)
            try:
                maalgruppe = maalgruppe_for(
                    ydelse,
                    start,
                    visitation=visitation,
                    under_30_uden_uddannelse=u30,
                ).maalgruppe
            except NoMaalgruppe as exc:
                raise InputError("maalgruppe", _no_group_reason(ydelse, start, str(exc))) from None
        tidligere = tuple(
            Periode.parse(p, f"tidligere_ledighed[{i}]", open_end=False)
            for i, p in enumerate(_list(obj.get("tidligere_ledighed"), "tidligere_ledighed"))
        )
        if tidligere and ydelse is not Ydelse.DAGPENGE:
            raise InputError("tidligere_ledighed", "only dagpenge count summed ledighed (LAB § 9)")
        for i, p in enumerate(tidligere):
            if p.til is not None and p.til >= start:
                raise InputError(f"tidligere_ledighed[{i}].til", "must end before start")
        rep = None
        if obj.get("repatriering") is not None:
            rep = Repatriering.parse(obj["repatriering"], "repatriering")
        return cls(
            sag_id=str(sag_id),
            ydelse=ydelse,
            start=start,
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
            alder=alder if foedselsdato is None else None,
            arbejdspligt=_bool(obj.get("arbejdspligt"), "arbejdspligt"),
            antagelser=tuple(antagelser),
        )


def _default_visitation(
    ydelse: Ydelse, start: date, under_30_uden_uddannelse: bool, antagelser: list[Antagelse]
) -> Visitation:
    """BEK § 6: a young person without education not found åbenlyst uddannelsesparat counts as
    uddannelsesparat for the first 3 months; for others the visitation is required."""
    from indsats.rules.names import accepted_group_names
    from indsats.rules.parameters import ParameterNotInForce, value_at

    if under_30_uden_uddannelse:
        try:
            pv = value_at("ungeindsats_integration.visitation_uddannelsesparat", start)
        except ParameterNotInForce:
            pv = None
        if pv is not None:
            antagelser.append(
                Antagelse(
                    "visitation",
                    Visitation.UDDANNELSESPARAT.value,
                    f"Ingen visitation er registreret: borgeren er under 30 år uden "
                    f"erhvervskompetencegivende uddannelse og anses som uddannelsesparat i de "
                    f"første {pv.value['maaneder']} måneder fra første henvendelse "
                    f"({pv.reference}).",
                    pv.reference,
                    pv.source,
                    pv.status,
                )
            )
            return Visitation.UDDANNELSESPARAT
    raise InputError(
        "visitation",
        f"required for ydelse {ydelse.value} (age 30+ or with a vocational education); accepted: "
        f"{', '.join(n for n in accepted_group_names() if 'parat' in n)}",
    )


def _no_group_reason(ydelse: Ydelse, start: date, fallback: str) -> str:
    """Why a benefit gives no target group on a day, in words (e.g. the benefit has ended)."""
    from indsats.domain.ydelser import YDELSER

    info = YDELSER[ydelse]
    if not info.gyldighed.covers(start):
        until = info.gyldighed.til
        if until is not None and start > until:
            return (
                f"{ydelse.value} ended on {until.strftime('%d.%m.%Y')} ({info.kilde}); the case "
                f"starts {start.isoformat()}. See `indsats rules visitation` for the benefit that "
                "applies instead."
            )
        return f"{ydelse.value} does not exist before {info.gyldighed.fra.isoformat()}"
    return fallback


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
