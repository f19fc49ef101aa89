"""Before a project starts: the smallest effect an evaluation could detect.

With n participants and m comparison persons each, the effect estimate's standard error is about
sd * sqrt((1 + 1/m) / n), where sd is the outcome's standard deviation among people like the
participants. An effect is detected (95 % interval excluding zero) with 80 % probability when it
is at least (z_0.975 + z_0.80) * SE = 2.80 * SE: the minimum detectable effect (Bloom 1995).
Matching on history makes the real standard error somewhat smaller, so the figure errs on the
safe side.

`mde_fra_register` reads the outcome's level and spread from the register: everyone on the
benefit in the 13 weeks that end a follow-up before the register's last week (up to 20,000
person-weeks, seeded sample), followed `uge` weeks (share self-supporting) and 52 weeks (weeks on
benefit).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from indsats.domain.numbers import format_number
from indsats.evaluation import estimate as est
from indsats.evaluation import features
from indsats.evaluation.model import EvalueringsFejl
from indsats.register import weeks

SAMPLE_PERSON_WEEKS = 20_000
REFERENCE_WEEKS = 13


def minimum_detectable_effect(
    sd: float, deltagere: int, naboer: int, *, alpha: float = 0.05, styrke: float = 0.8
) -> float:
    """The smallest true effect detected with probability `styrke` at level `alpha`."""
    if deltagere < 1 or naboer < 1:
        raise EvalueringsFejl("deltagere and naboer must be at least 1")
    z = NormalDist().inv_cdf(1 - alpha / 2) + NormalDist().inv_cdf(styrke)
    return z * sd * math.sqrt((1 + 1 / naboer) / deltagere)


@dataclass(frozen=True)
class MindsteEffekt:
    """The minimum detectable effect of a planned evaluation, with its basis."""

    ydelse: str
    deltagere: int
    naboer: int
    uge: int
    grundlag: int  # person-weeks the level and spread were read from
    referenceuger: tuple[int, int]
    andel_selvforsoergende: float  # today's share self-supporting `uge` weeks later
    mde_andel: float  # in share points (0.09 = 9 procentpoint)
    uger_paa_ydelse: float  # mean weeks on benefit in the 52 weeks after
    sd_uger: float
    mde_uger: float
    mde_helaarspersoner: float  # the weeks effect for all participants, in helårspersoner

    @property
    def tekst(self) -> str:
        from indsats.evaluation.oekonomi import ydelse_navn

        return (
            f"Med {self.deltagere} deltagere og {self.naboer} sammenligningspersoner pr. deltager "
            f"kan evalueringen påvise en effekt på mindst {format_number(self.mde_andel * 100, decimals=0)} "
            f"procentpoint på andelen selvforsørgende efter {self.uge} uger, eller mindst "
            f"{format_number(self.mde_uger, decimals=1)} uger færre på offentlig forsørgelse i det første år "
            f"({format_number(self.mde_helaarspersoner, decimals=1)} helårspersoner for alle deltagere). I dag "
            f"er {format_number(self.andel_selvforsoergende * 100, decimals=0)} % af borgerne på "
            f"{ydelse_navn(self.ydelse).lower()} selvforsørgende efter {self.uge} uger. En "
            "mindre effekt kan evalueringen typisk ikke skelne fra tilfældigheder (80 % "
            "sandsynlighed for at finde en effekt af den størrelse, på 5 %-niveau)."
        )


def mde_fra_register(
    register: ir.Table,
    *,
    ydelse: str,
    deltagere: int,
    naboer: int = 2,
    uge: int = 26,
    kommuner: list[int] | None = None,
    daekning: tuple[int, int] | None = None,
    seed: int = 0,
) -> MindsteEffekt:
    """The minimum detectable effect for a planned project on people on `ydelse`."""
    from indsats.analytics.suite import register_coverage

    cov = daekning or register_coverage(register)
    horizon = max(uge, 52)
    last_ref = cov[1] - horizon
    first_ref = last_ref - REFERENCE_WEEKS + 1
    if first_ref < cov[0]:
        raise EvalueringsFejl(
            f"the register ({weeks.label(cov[0])} to {weeks.label(cov[1])}) is too short to follow "
            f"people {horizon} weeks; it needs at least {horizon + REFERENCE_WEEKS} weeks"
        )
    cand = features.candidates(
        register, list(range(first_ref, last_ref + 1)), ydelser=[ydelse], kommuner=kommuner
    )
    if cand.num_rows < 30:
        raise EvalueringsFejl(
            f"only {cand.num_rows} person-weeks on {ydelse} in {weeks.label(first_ref)} to "
            f"{weeks.label(last_ref)}; too few to judge the spread of the outcome"
        )
    rng = np.random.default_rng([seed, 4])
    take = np.sort(rng.permutation(cand.num_rows)[:SAMPLE_PERSON_WEEKS])
    sample = cand.take(pa.array(take))
    units = pa.table(
        {
            "enhed": pa.array(np.arange(sample.num_rows), pa.int64()),
            "person_id": sample.column("person_id"),
            "start_uge": sample.column("week_index"),
        }
    )
    rows = features.unit_outcomes(register, units, 0, horizon)
    f = est.forloeb_from_rows(
        rows, sample.num_rows, np.asarray(sample.column("week_index"), np.int64), cov, 0, horizon
    )
    share = float(np.nanmean(f.self_supporting(uge)))
    w = f.weeks_on_benefit(1, 52)
    sd_w = float(np.nanstd(w, ddof=1))
    mde_share = minimum_detectable_effect(math.sqrt(share * (1 - share)), deltagere, naboer)
    mde_w = minimum_detectable_effect(sd_w, deltagere, naboer)
    return MindsteEffekt(
        ydelse=ydelse,
        deltagere=deltagere,
        naboer=naboer,
        uge=uge,
        grundlag=sample.num_rows,
        referenceuger=(first_ref, last_ref),
        andel_selvforsoergende=share,
        mde_andel=mde_share,
        uger_paa_ydelse=float(np.nanmean(w)),
        sd_uger=sd_w,
        mde_uger=mde_w,
        mde_helaarspersoner=mde_w * deltagere / 52,
    )
