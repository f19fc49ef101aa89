"""The demo municipality's projects, planted in its synthetic register so their evaluations find a
real (known) effect.

- A PLUS-forløb: a course for men on sygedagpenge with long spells, modelled on Ringkøbing-Skjern's
  Projekt PLUS (Beskæftigelsesudvalget, referat 18.08.2022, punkt 2: 110 men, about nine months).
  It helps 30 % of its participants off benefit from 4 weeks after the start.
- The intensive effort in jobafklaringsforløb from Varde's investment case (Varde Kommune,
  Beskæftigelsesplan 2020-2023, revideret 2021): about 15 citizens a year get the extra samtaler;
  it helps 30 % of them off benefit from 8 weeks after the start.

The windows follow the register (start weeks need a year of history before and half a year
after), so the demo works whatever span the register has. The participant lists (person_id;
start_uge, as the project would keep them) are written beside the register.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from indsats.register import weeks
from indsats.register.plant import Plantning, PlantResultat

PLUS = "plus"
JOBAFKLARING = "jobafklaring"


@dataclass(frozen=True)
class DemoProjekt:
    slug: str
    navn: str
    beskrivelse: str
    plantning: Plantning


def demo_projekter(kommune: int, first: int, last: int) -> list[DemoProjekt]:
    """The demo projects for a register covering weeks first..last (None if it is too short)."""
    history, follow = first + 52, last - 26
    if follow - history < 52:
        return []
    plus_from = max(history, last - 156)
    plus_to = max(plus_from + 26, last - 52)
    jaf_from = max(history, weeks.parse_week("2021W01"))
    jaf_to = min(follow, weeks.parse_week("2025W52"))
    out = [
        DemoProjekt(
            PLUS,
            "PLUS-forløb for mænd på sygedagpenge",
            "Et fleksibelt forløb med natur, bevægelse, psykologsamtaler og en fast kontaktperson "
            "for mænd med angst og depression, efter forbillede af Projekt PLUS i "
            "Ringkøbing-Skjern Kommune (Beskæftigelsesudvalget, referat 18.08.2022, punkt 2).",
            Plantning(
                "sygedagpenge",
                plus_from,
                plus_to,
                110,
                0.3,
                virker_fra=4,
                koen="M",
                kommune=kommune,
            ),
        )
    ]
    if jaf_to - jaf_from >= 26:
        n = max(15, int(15 * (jaf_to - jaf_from) / 52))
        out.append(
            DemoProjekt(
                JOBAFKLARING,
                "Øget intensiv indsats i jobafklaringsforløb",
                "Borgere i jobafklaringsforløb, der fik den intensive indsats fra "
                "investeringscasen: flere samtaler og virksomhedsrettede tilbud (Varde Kommune, "
                "Beskæftigelsesplan 2020-2023, revideret 2021).",
                Plantning(
                    "jobafklaringsforloeb",
                    jaf_from,
                    jaf_to,
                    n,
                    0.3,
                    virker_fra=8,
                    selektion=0.5,
                    kommune=kommune,
                ),
            )
        )
    return out


def participants_path(projekter_dir: Path | str, slug: str) -> Path:
    return Path(projekter_dir) / f"{slug}.csv"


def write_participants(result: PlantResultat, path: Path) -> None:
    """The project's participant list as a file (person_id;start_uge)."""
    from indsats.register.store import atomic_file

    rows = zip(
        result.deltagere.column("person_id").to_pylist(),
        result.deltagere.column("start_uge").to_pylist(),
        strict=True,
    )
    text = "person_id;start_uge\n" + "".join(f"{p};{weeks.label(s)}\n" for p, s in rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def generate_demo_register(
    directory: Path | str,
    kommune: int,
    first: int,
    last: int,
    *,
    projekter_dir: Path | str,
    seed: int = 0,
) -> list[DemoProjekt]:
    """Generate the demo register with the demo projects planted; write their participant lists
    to `projekter_dir`. Returns the projects."""
    from indsats.register.plant import generate_register_with_effects

    projekter = demo_projekter(kommune, first, last)
    results = generate_register_with_effects(
        directory, [kommune], first, last, [p.plantning for p in projekter], seed=seed
    )
    for p, r in zip(projekter, results, strict=True):
        write_participants(r, participants_path(projekter_dir, p.slug))
    return projekter


def demo_projects_present(directory: Path | str, projekter_dir: Path | str) -> bool:
    """True when the register carries the planted projects and their lists exist."""
    from indsats.register.kilde import read_source

    planted = read_source(directory).get("plantede_effekter")
    return bool(planted) and all(
        participants_path(projekter_dir, slug).exists() for slug in (PLUS,)
    )
