"""Which benefit and target group apply (indsats.rules.visitation): table rows naming the §."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from indsats.cli.rules import app
from indsats.domain.maalgrupper import Visitation
from indsats.domain.ydelser import Ydelse
from indsats.rules.model import InputError
from indsats.rules.visitation import Personfakta, visiter

Y, V = Ydelse, Visitation

# (id naming the §, facts, expected ydelse, expected maalgruppe, substring of a reason or a gap)
ROWS = [
    (
        "L1655-22-without-education-kontanthjaelp-uddannelsesparat-2025",
        Personfakta(date(2025, 9, 1), Y.KONTANTHJAELP, alder=22),
        "kontanthjaelp",
        "uddannelsesparat",
        "fra 01.07.2025 er der ingen uddannelseshjælp",
    ),
    (
        "L1655-uddannelseshjaelp-ended-30-06-2025",
        Personfakta(date(2025, 9, 1), Y.UDDANNELSESHJAELP, alder=22),
        "kontanthjaelp",
        "uddannelsesparat",
        "Uddannelseshjælp ophørte 30.06.2025",
    ),
    (
        "L1655-sho-ydelse-ended",
        Personfakta(date(2025, 9, 1), Y.SELVFORSOERGELSES_OG_HJEMREJSEYDELSE, alder=40),
        "kontanthjaelp",
        None,
        "Selvforsørgelses- og hjemrejseydelse ophørte 30.06.2025",
    ),
    (
        "LAS-under-30-without-education-uddannelseshjaelp-2024",
        Personfakta(date(2024, 9, 1), Y.KONTANTHJAELP, alder=22),
        "uddannelseshjaelp",
        "uddannelsesparat",
        "søges uddannelseshjælp, ikke kontanthjælp",
    ),
    (
        "LAS-uddannelseshjaelp-not-with-education-2024",
        Personfakta(
            date(2024, 9, 1),
            Y.UDDANNELSESHJAELP,
            alder=25,
            erhvervskompetencegivende_uddannelse=True,
            visitation=V.JOBPARAT,
        ),
        "kontanthjaelp",
        "jobparat_kontanthjaelp",
        "har en erhvervskompetencegivende uddannelse",
    ),
    (
        "LAB6-nr2-jobparat-40",
        Personfakta(date(2024, 9, 1), Y.KONTANTHJAELP, alder=40, visitation=V.JOBPARAT),
        "kontanthjaelp",
        "jobparat_kontanthjaelp",
        "LAB § 6, nr. 2",
    ),
    (
        "LAB6-nr3-aktivitetsparat-birth-date",
        Personfakta(
            date(2024, 9, 1),
            Y.KONTANTHJAELP,
            foedselsdato=date(1970, 5, 1),
            visitation=V.AKTIVITETSPARAT,
        ),
        "kontanthjaelp",
        "aktivitetsparat_kontanthjaelp",
        "LAB § 6, nr. 3",
    ),
    (
        "LAB6-nr2-3-visitation-missing-over-30",
        Personfakta(date(2024, 9, 1), Y.KONTANTHJAELP, alder=40),
        "kontanthjaelp",
        None,
        "visitation: jobparat eller aktivitetsparat",
    ),
    (
        "LAB6-nr4-5-jobparat-is-not-a-group-under-30",
        Personfakta(date(2025, 9, 1), Y.KONTANTHJAELP, alder=22, visitation=V.JOBPARAT),
        "kontanthjaelp",
        None,
        "jobparat gælder ikke her",
    ),
    (
        "BEK6-default-uddannelsesparat-first-3-months",
        Personfakta(date(2024, 9, 1), Y.UDDANNELSESHJAELP, alder=19),
        "uddannelseshjaelp",
        "uddannelsesparat",
        "anses som uddannelsesparat i de første 3 måneder",
    ),
    (
        "LAB6-nr1-dagpenge",
        Personfakta(date(2024, 9, 1), Y.DAGPENGE),
        "dagpenge",
        "dagpenge",
        "LAB § 6, nr. 1",
    ),
    (
        "SDL24a-sygedagpenge-used-up-jobafklaring",
        Personfakta(date(2024, 9, 1), Y.SYGEDAGPENGE, sygedagpenge_over_22_uger=True),
        "jobafklaringsforloeb",
        "jobafklaringsforloeb",
        "jobafklaringsforløb med ressourceforløbsydelse (SDL § 24 a)",
    ),
    (
        "LAB6-nr6-sygedagpenge",
        Personfakta(date(2024, 9, 1), Y.SYGEDAGPENGE),
        "sygedagpenge",
        "sygedagpenge",
        "LAB § 6, nr. 6",
    ),
    (
        "L1750-ressourceforloeb-closed-to-new-cases",
        Personfakta(date(2026, 9, 1), Y.RESSOURCEFORLOEB),
        None,
        None,
        "tager ikke nye sager fra 01.07.2026",
    ),
    (
        "LAB6-nr8-ressourceforloeb-before-2026",
        Personfakta(date(2026, 6, 1), Y.RESSOURCEFORLOEB),
        "ressourceforloeb",
        "ressourceforloeb",
        "LAB § 6, nr. 8",
    ),
    (
        "LAB6-nr9-ledighedsydelse",
        Personfakta(date(2026, 9, 1), Y.LEDIGHEDSYDELSE),
        "ledighedsydelse",
        "fleksjob_ledighedsydelse",
        "LAB § 6, nr. 9",
    ),
    (
        "LAS-opholdskrav-low-rate-note",
        Personfakta(
            date(2025, 9, 1),
            Y.KONTANTHJAELP,
            alder=45,
            visitation=V.JOBPARAT,
            ophold_9_af_10_aar=False,
        ),
        "kontanthjaelp",
        "jobparat_kontanthjaelp",
        "opfylder ikke opholdskravet",
    ),
    (
        "SHO-integrationsydelse-ended-2019",
        Personfakta(date(2022, 9, 1), Y.INTEGRATIONSYDELSE, alder=35, visitation=V.JOBPARAT),
        "sho_ydelse",
        "jobparat_kontanthjaelp",
        "Integrationsydelse ophørte 31.12.2019",
    ),
]


@pytest.mark.parametrize(
    ("fakta", "ydelse", "maalgruppe", "text"), [pytest.param(*r[1:], id=r[0]) for r in ROWS]
)
def test_visitation_row(
    fakta: Personfakta, ydelse: str | None, maalgruppe: str | None, text: str
) -> None:
    res = visiter(fakta).to_dict()
    assert res["ydelse"] == ydelse, res
    assert res["maalgruppe"] == maalgruppe, res
    said = [g["text_da"] for g in res["grunde"] + res["antagelser"] + res["noter"]] + res["mangler"]
    assert any(text in s for s in said), said
    json.dumps(res)  # JSON-serialisable


def test_age_and_birth_date_must_agree() -> None:
    with pytest.raises(InputError) as exc:
        visiter(
            Personfakta(date(2025, 9, 1), Y.KONTANTHJAELP, alder=30, foedselsdato=date(2003, 1, 1))
        )
    assert exc.value.field == "alder"


def test_kontanthjaelp_without_age_is_an_error() -> None:
    with pytest.raises(InputError) as exc:
        visiter(Personfakta(date(2025, 9, 1), Y.KONTANTHJAELP))
    assert exc.value.field == "alder"


def test_2027_note_without_applying_it() -> None:
    res = visiter(
        Personfakta(date(2027, 2, 1), Y.KONTANTHJAELP, alder=40, visitation=V.AKTIVITETSPARAT)
    ).to_dict()
    assert res["maalgruppe"] == "aktivitetsparat_kontanthjaelp"
    assert any("ikke vedtaget" in n["text_da"] for n in res["noter"])


runner = CliRunner()


def test_cli_visitation_json_and_names() -> None:
    res = runner.invoke(
        app,
        ["visitation", "--dato", "2025-09-01", "--ansoegt", "Kontanthjælp", "--alder", "22"],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["ydelse"] == "kontanthjaelp" and data["lab6_nr"] == 4
    assert data["dato"] == "2025-09-01"
    res = runner.invoke(
        app,
        [
            "visitation",
            "--dato",
            "2024-09-01",
            "--ansoegt",
            "kontanthjaelp",
            "--alder",
            "40",
            "--visitation",
            "Aktivitetsparat",
            "--format",
            "text",
        ],
    )
    assert res.exit_code == 0 and "Aktivitetsparate kontanthjælpsmodtagere" in res.stdout


def test_cli_visitation_errors_list_accepted_names() -> None:
    res = runner.invoke(
        app,
        [
            "visitation",
            "--dato",
            "2025-09-01",
            "--ansoegt",
            "kontanthjaelp",
            "--visitation",
            "klar",
        ],
    )
    assert res.exit_code == 2
    assert "accepted:" in res.output and "jobparat" in res.output
    res = runner.invoke(app, ["visitation", "--dato", "2025-09-01", "--ansoegt", "boligstoette"])
    assert res.exit_code == 2 and "known:" in res.output
