"""The group names caseworkers use in CASE.json's `maalgruppe` (issue 17): every accepted name
maps to its LAB § 6 group (or, for "jobparat" and the like, to a visitation from which the group
follows), case, spacing, hyphens and æ/ø/å do not matter, and an unknown name is an error that
lists the accepted names — through the Python API and `indsats rules obligations`/`summary`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from indsats.cli.rules import app
from indsats.domain.maalgrupper import Maalgruppe, Visitation
from indsats.rules.model import InputError, Sag
from indsats.rules.names import UnknownName, accepted_group_names, maalgruppe_of

M = Maalgruppe
V = Visitation

# Every accepted name, written out (not read from the code), with what it means. A name added to
# rules/names.py without a row here fails test_the_table_covers_every_accepted_name.
NAMES: dict[str, Maalgruppe | Visitation] = {
    # the codes (LAB § 6 nr. 1-11)
    "dagpenge": M.DAGPENGE,
    "jobparat_kontanthjaelp": M.JOBPARAT_KONTANTHJAELP,
    "aktivitetsparat_kontanthjaelp": M.AKTIVITETSPARAT_KONTANTHJAELP,
    "aktivitetsparat_under_30": M.AKTIVITETSPARAT_UNDER_30,
    "sygedagpenge": M.SYGEDAGPENGE,
    "jobafklaringsforloeb": M.JOBAFKLARINGSFORLOEB,
    "ressourceforloeb": M.RESSOURCEFORLOEB,
    "fleksjob_ledighedsydelse": M.FLEKSJOB_LEDIGHEDSYDELSE,
    "revalidering": M.REVALIDERING,
    "foertidspension": M.FOERTIDSPENSION,
    # everyday names of the groups that do not depend on visitation
    "dagpengemodtager": M.DAGPENGE,
    "forsikret_ledig": M.DAGPENGE,
    "sygedagpengemodtager": M.SYGEDAGPENGE,
    "sygemeldt": M.SYGEDAGPENGE,
    "jobafklaring": M.JOBAFKLARINGSFORLOEB,
    "ledighedsydelse": M.FLEKSJOB_LEDIGHEDSYDELSE,
    "ledighedsydelsesmodtager": M.FLEKSJOB_LEDIGHEDSYDELSE,
    "fleksjob": M.FLEKSJOB_LEDIGHEDSYDELSE,
    "fleksjobvisiteret": M.FLEKSJOB_LEDIGHEDSYDELSE,
    "revalidend": M.REVALIDERING,
    "foertidspensionist": M.FOERTIDSPENSION,
    # names that only say how the person is visited: the group follows from benefit and age
    "jobparat": V.JOBPARAT,
    "jobparate": V.JOBPARAT,
    "aktivitetsparat": V.AKTIVITETSPARAT,
    "aktivitetsparate": V.AKTIVITETSPARAT,
    # also the code of LAB § 6 nr. 4, read as the visitation (the group follows, and so do the
    # visitation's duties, e.g. BEK § 6's final visitation)
    "uddannelsesparat": V.UDDANNELSESPARAT,
    "uddannelsesparate": V.UDDANNELSESPARAT,
    "aabenlyst_uddannelsesparat": V.AABENLYST_UDDANNELSESPARAT,
    "aabenlyst_uddannelsesparate": V.AABENLYST_UDDANNELSESPARAT,
}

# how a caseworker's system may spell them
VARIANTS: list[tuple[str, Maalgruppe | Visitation]] = [
    ("Sygemeldt", M.SYGEDAGPENGE),
    ("  SYGEDAGPENGEMODTAGER ", M.SYGEDAGPENGE),
    ("Dagpengemodtager", M.DAGPENGE),
    ("Forsikret ledig", M.DAGPENGE),
    ("forsikret-ledig", M.DAGPENGE),
    ("Forsikret   Ledig", M.DAGPENGE),
    ("Fleksjobvisiteret", M.FLEKSJOB_LEDIGHEDSYDELSE),
    ("Fleksjob ledighedsydelse", M.FLEKSJOB_LEDIGHEDSYDELSE),
    ("Ledighedsydelsesmodtager", M.FLEKSJOB_LEDIGHEDSYDELSE),
    ("Jobafklaringsforløb", M.JOBAFKLARINGSFORLOEB),
    ("Ressourceforløb", M.RESSOURCEFORLOEB),
    ("Førtidspensionist", M.FOERTIDSPENSION),
    ("Førtidspension", M.FOERTIDSPENSION),
    ("Revalidend", M.REVALIDERING),
    ("Jobparat", V.JOBPARAT),
    ("Aktivitetsparate", V.AKTIVITETSPARAT),
    ("Åbenlyst uddannelsesparat", V.AABENLYST_UDDANNELSESPARAT),
    ("åbenlyst-uddannelsesparate", V.AABENLYST_UDDANNELSESPARAT),
    ("Aktivitetsparat under 30", M.AKTIVITETSPARAT_UNDER_30),
    ("JOBPARAT KONTANTHJÆLP", M.JOBPARAT_KONTANTHJAELP),
]

UNKNOWN = ["langtidsledig", "kontanthjælpsmodtager", "syg", "jobparat kontant", "", "6"]


@pytest.mark.parametrize(("name", "meaning"), NAMES.items(), ids=list(NAMES))
def test_every_accepted_name_maps(name: str, meaning: Maalgruppe | Visitation) -> None:
    got = maalgruppe_of(name)
    assert got is meaning, (name, got)


@pytest.mark.parametrize(("name", "meaning"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_case_spacing_hyphen_and_danish_letters_do_not_matter(
    name: str, meaning: Maalgruppe | Visitation
) -> None:
    assert maalgruppe_of(name) is meaning


def test_the_table_covers_every_accepted_name() -> None:
    assert set(accepted_group_names()) == set(NAMES)


@pytest.mark.parametrize("name", [*UNKNOWN, None, 6, ["sygemeldt"]], ids=repr)
def test_an_unknown_name_lists_the_accepted_names(name: object) -> None:
    with pytest.raises(UnknownName) as exc:
        maalgruppe_of(name)
    assert exc.value.accepted == sorted(NAMES)
    message = str(exc.value)
    assert f"unknown maalgruppe {name!r}; accepted: " in message
    assert all(accepted in message for accepted in NAMES)


# --------------------------------------------------------------------------- in a case


def case_for(name: object, meaning: Maalgruppe | Visitation) -> dict[str, Any]:
    """A case on the benefit that gives the group: visitation names on kontanthjælp (30+ for
    jobparat/aktivitetsparat; under 30 without education after the 2025 reform for the
    uddannelsesparat names)."""
    raw: dict[str, Any] = {"sag_id": str(name), "maalgruppe": name, "start": "2025-09-01"}
    ydelse = {
        M.DAGPENGE: "dagpenge",
        M.SYGEDAGPENGE: "sygedagpenge",
        M.JOBAFKLARINGSFORLOEB: "jobafklaringsforloeb",
        M.RESSOURCEFORLOEB: "ressourceforloeb",
        M.FLEKSJOB_LEDIGHEDSYDELSE: "ledighedsydelse",
        M.REVALIDERING: "revalidering",
        M.FOERTIDSPENSION: "foertidspension",
    }.get(meaning, "kontanthjaelp")  # type: ignore[call-overload]
    raw["ydelse"] = ydelse
    if ydelse == "sygedagpenge":
        raw["sygedagpenge"] = {"kategori": "2"}
    if ydelse == "kontanthjaelp":
        young = meaning in (
            M.UDDANNELSESPARAT,
            M.AKTIVITETSPARAT_UNDER_30,
            V.UDDANNELSESPARAT,
            V.AABENLYST_UDDANNELSESPARAT,
        )
        raw["alder"] = 22 if young else 45
    return raw


# the LAB § 6 group each name gives in its case
IN_A_CASE = {
    name: (
        meaning
        if isinstance(meaning, Maalgruppe)
        else {
            V.JOBPARAT: M.JOBPARAT_KONTANTHJAELP,
            V.AKTIVITETSPARAT: M.AKTIVITETSPARAT_KONTANTHJAELP,
            V.UDDANNELSESPARAT: M.UDDANNELSESPARAT,
            V.AABENLYST_UDDANNELSESPARAT: M.UDDANNELSESPARAT,
        }[meaning]
    )
    for name, meaning in [*NAMES.items(), *VARIANTS]
}
MEANING = {**NAMES, **dict(VARIANTS)}


@pytest.mark.parametrize("name", list(IN_A_CASE))
def test_a_case_with_the_name_gets_the_group(name: str) -> None:
    sag = Sag.from_dict(case_for(name, MEANING[name]))
    assert sag.maalgruppe is IN_A_CASE[name]
    if isinstance(MEANING[name], Visitation):
        assert sag.visitation is MEANING[name]


def test_an_unknown_name_in_a_case_is_an_input_error_listing_the_names() -> None:
    with pytest.raises(InputError) as exc:
        Sag.from_dict(case_for("langtidsledig", M.DAGPENGE))
    assert exc.value.field == "maalgruppe"
    assert all(accepted in str(exc.value) for accepted in NAMES)


@pytest.mark.parametrize(
    ("ydelse", "name", "gives"),
    [
        ("dagpenge", "sygemeldt", "dagpenge"),
        ("sygedagpenge", "Dagpengemodtager", "sygedagpenge"),
        ("ledighedsydelse", "førtidspensionist", "fleksjob_ledighedsydelse"),
        (
            "kontanthjaelp",
            "fleksjobvisiteret",
            "aktivitetsparat_kontanthjaelp, aktivitetsparat_under_30, jobparat_kontanthjaelp, uddannelsesparat",
        ),
    ],
)
def test_a_group_the_benefit_cannot_give_is_an_input_error(
    ydelse: str, name: str, gives: str
) -> None:
    """Before issue 17's mend, "sygemeldt" on a dagpenge case was taken as given and the case
    silently lost its dagpenge duties (LAB §§ 31-32)."""
    raw: dict[str, Any] = {"sag_id": "X", "ydelse": ydelse, "start": "2025-09-01"}
    raw["maalgruppe"] = name
    raw["alder"] = 45
    if ydelse == "sygedagpenge":
        raw["sygedagpenge"] = {"kategori": "2"}
    with pytest.raises(InputError) as exc:
        Sag.from_dict(raw)
    assert exc.value.field == "maalgruppe"
    assert f"which ydelse {ydelse} does not give on 2025-09-01; it gives: {gives}" in str(exc.value)


# --------------------------------------------------------------------------- through the CLI

runner = CliRunner()


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "CASE.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _obligations(tmp_path: Path, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    res = runner.invoke(app, ["obligations", str(_write(tmp_path, cases)), "--as-of", "2025-12-01"])
    assert res.exit_code == 0, res.output
    out: list[dict[str, Any]] = json.loads(res.stdout)
    return out


def _without_id(obs: list[dict[str, Any]], sag_id: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in o.items() if k != "sag_id"} for o in obs if o["sag_id"] == sag_id]


def test_cli_obligations_of_a_named_group_are_those_of_its_code(tmp_path: Path) -> None:
    """Every accepted name and variant in one CASE.json: each case gets the obligations of the
    same case given with the group's code (a visitation name: the visitation's code) (and some, but førtidspension has no duties here)."""
    names = list(IN_A_CASE)
    named = [case_for(name, MEANING[name]) for name in names]
    coded = []
    for name, raw in zip(names, named, strict=True):
        code = dict(raw, sag_id=f"code:{name}")
        meaning = MEANING[name]
        if isinstance(meaning, Visitation):  # the same case with the visitation's code
            del code["maalgruppe"]
            code["visitation"] = meaning.value
        else:
            code["maalgruppe"] = meaning.value
        coded.append(code)
    obs = _obligations(tmp_path, named + coded)
    for name in names:
        mine = _without_id(obs, name)
        assert mine or IN_A_CASE[name] is M.FOERTIDSPENSION, name  # no duties for førtidspension
        assert mine == _without_id(obs, f"code:{name}"), name


def test_cli_summary_names_the_mapped_group(tmp_path: Path) -> None:
    cases = [
        case_for(name, MEANING[name]) for name in ("Sygemeldt", "Fleksjobvisiteret", "jobparat")
    ]
    res = runner.invoke(app, ["summary", str(_write(tmp_path, cases)), "--as-of", "2025-12-01"])
    assert res.exit_code == 0, res.output
    got = {s["sag_id"]: (s["maalgruppe"], s["lab6_nr"]) for s in json.loads(res.stdout)}
    assert got == {
        "Sygemeldt": ("sygedagpenge", 6),
        "Fleksjobvisiteret": ("fleksjob_ledighedsydelse", 9),
        "jobparat": ("jobparat_kontanthjaelp", 2),
    }


@pytest.mark.parametrize("name", ["langtidsledig", "kontanthjælpsmodtager"])
def test_cli_unknown_name_lists_the_accepted_names(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, [case_for("sygemeldt", M.SYGEDAGPENGE), case_for(name, M.DAGPENGE)])
    res = runner.invoke(app, ["obligations", str(path), "--as-of", "2025-12-01"])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    assert f"CASE.json[1]: field maalgruppe: unknown maalgruppe {name!r}; accepted: " in res.output
    listed = res.output.split("accepted: ", 1)[1].split()
    assert [n.rstrip(",") for n in listed] == sorted(NAMES)


def test_cli_group_the_benefit_cannot_give(tmp_path: Path) -> None:
    raw = {"sag_id": "X", "ydelse": "dagpenge", "start": "2025-09-01", "maalgruppe": "Sygemeldt"}
    res = runner.invoke(app, ["obligations", str(_write(tmp_path, raw)), "--as-of", "2025-12-01"])
    assert res.exit_code == 2, res.output
    assert (
        "CASE.json: field maalgruppe: 'Sygemeldt' is the målgruppe sygedagpenge, which ydelse "
        "dagpenge does not give on 2025-09-01; it gives: dagpenge"
    ) in res.output
