"""Errors of the plan package: Danish messages that name the file (or form) and the field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PlanFejl:
    """One problem: the field (a path such as `fokusomraader[1].maal[0].maaltal[2].aar`) and a
    Danish message for the person who typed it."""

    felt: str
    besked: str

    def __str__(self) -> str:
        return f"{self.felt}: {self.besked}" if self.felt else self.besked


class PlanError(ValueError):
    """A plan (or a change to it) is invalid; nothing was changed. `fejl` lists every problem."""

    def __init__(self, fejl: list[PlanFejl] | tuple[PlanFejl, ...], *, kilde: str = "") -> None:
        self.fejl = tuple(fejl)
        self.kilde = kilde
        text = "; ".join(str(f) for f in self.fejl)
        super().__init__(f"{kilde}: {text}" if kilde else text)

    @classmethod
    def en(cls, felt: str, besked: str, *, kilde: str = "") -> PlanError:
        return cls([PlanFejl(felt, besked)], kilde=kilde)
