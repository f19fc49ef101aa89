"""The inputs of an effect evaluation: participants, the design, and the error it raises.

See docs/evaluation.md for the method in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Weeks after the start at which the share self-supporting is reported; 26 is the headline.
OPFOELGNING_UGER = (13, 26, 52, 104)
AGE_GROUPS = ((16, 29), (30, 39), (40, 49), (50, 59), (60, 200))
# The key variables that can be matched exactly (besides the calendar week, which always is);
# the default takes the benefit at start and sex, and leaves age to the propensity score.
EKSAKTE_NOEGLER = ("ydelse", "aldersgruppe", "koen")
STANDARD_EKSAKT = ("ydelse", "koen")
SAMMENLIGNING_ENDNU_IKKE = "endnu_ikke"  # persons not (yet) in the project in that week
SAMMENLIGNING_ALDRIG = "aldrig"  # persons never in the project


class EvalueringsFejl(ValueError):
    """The evaluation cannot be done on this input; the message names the problem (the file, line
    and field for a participant file). No result is produced."""


@dataclass(frozen=True, slots=True)
class Deltager:
    """One participant: a person in the register and the week the project started for them.

    `kilde` says where the participant came from (e.g. "deltagere.csv, linje 4"), for messages.
    """

    person_id: int
    start_uge: int
    kilde: str = ""


@dataclass(frozen=True, slots=True)
class Design:
    """How the comparison group is formed and what is estimated.

    naboer: comparison persons per participant (nearest by propensity score). One is the default:
        in a municipality's pool the best matches run out quickly, and a second, worse
        neighbour adds more bias than it removes noise (docs/evaluation.md has the figures).
    caliper: the furthest a comparison person may be, in standard deviations of the logit of the
        propensity score (0.2 is the usual choice, Austin 2011); None = no limit.
    kommuner: the municipalities the comparison group is drawn from (None: the participants' own).
    eksakt: key variables matched exactly besides the calendar week (EKSAKTE_NOEGLER).
    sammenligning: SAMMENLIGNING_ENDNU_IKKE (default: persons not in the project in that week,
        who may join later) or SAMMENLIGNING_ALDRIG (persons never in the project).
    hovedmaal_uge: the week after the start whose share self-supporting is the headline.
    bootstrap: resamples of matched sets for the 95 % confidence intervals.
    min_deltagere: the fewest matched participants an estimate is given for.
    max_uden_match: the largest share of participants that may go without a match before the
        evaluation refuses (the comparison pool is too small for the design).
    """

    naboer: int = 1
    caliper: float | None = 0.2
    kommuner: tuple[int, ...] | None = None
    eksakt: tuple[str, ...] = STANDARD_EKSAKT
    sammenligning: str = SAMMENLIGNING_ENDNU_IKKE
    hovedmaal_uge: int = 26
    opfoelgning: tuple[int, ...] = OPFOELGNING_UGER
    foer_uger: int = 52
    efter_uger: int = 104
    bootstrap: int = 999
    seed: int = 0
    min_deltagere: int = 20
    max_uden_match: float = 0.10
    enhedspriser: dict[str, float] = field(default_factory=dict)  # gross kr per helårsperson

    def __post_init__(self) -> None:
        if self.naboer < 1:
            raise EvalueringsFejl("naboer: at least one comparison person per participant")
        if self.caliper is not None and self.caliper <= 0:
            raise EvalueringsFejl("caliper: must be positive (or None for no limit)")
        unknown = set(self.eksakt) - set(EKSAKTE_NOEGLER)
        if unknown:
            raise EvalueringsFejl(
                f"eksakt: unknown key variable(s) {', '.join(sorted(unknown))}; "
                f"known: {', '.join(EKSAKTE_NOEGLER)}"
            )
        if self.sammenligning not in (SAMMENLIGNING_ENDNU_IKKE, SAMMENLIGNING_ALDRIG):
            raise EvalueringsFejl(
                f"sammenligning: {self.sammenligning!r} is not "
                f"{SAMMENLIGNING_ENDNU_IKKE!r} or {SAMMENLIGNING_ALDRIG!r}"
            )
        if not 1 <= self.hovedmaal_uge <= self.efter_uger:
            raise EvalueringsFejl("hovedmaal_uge: must lie within the follow-up (efter_uger)")
        if any(not 1 <= k <= self.efter_uger for k in self.opfoelgning):
            raise EvalueringsFejl("opfoelgning: every week must lie within efter_uger")
        if self.foer_uger < 0 or self.efter_uger < 52:
            raise EvalueringsFejl("foer_uger must be >= 0 and efter_uger >= 52")
        if self.bootstrap < 99:
            raise EvalueringsFejl("bootstrap: use at least 99 resamples")
        if not 0 <= self.max_uden_match < 1:
            raise EvalueringsFejl("max_uden_match: a share from 0 up to (not including) 1")
        if self.min_deltagere < 1:
            raise EvalueringsFejl("min_deltagere: at least 1")


def aldersgruppe(alder: float | None) -> str:
    """The age group label used as a key variable ('ukendt' without a birth year)."""
    if alder is None:
        return "ukendt"
    for lo, hi in AGE_GROUPS:
        if lo <= alder <= hi:
            return f"{lo}-{hi}" if hi < 200 else f"{lo}+"
    return "under 16"
