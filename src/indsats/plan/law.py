"""The legal requirements for the plan (data/krav.yaml), dated and cited like the rules.

`krav(paa=date)` gives the requirements in force on a day, each with its reference, public source
and whether it was verified. Unverified requirements are shown as such to users.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True, slots=True)
class Krav:
    id: str
    titel: str
    tekst: str  # Danish, for the document and the pages
    emne: str  # lovgrundlag, indhold, frister, hoering
    fra: date
    til: date | None
    reference: str
    kilde: str  # a public URL, or "" when none exists
    verificeret: bool
    frist: str = ""  # "MM-DD" for a yearly deadline (the årshjul uses it)
    afskaffet: bool = False  # this dated value says the requirement was abolished

    @property
    def status_tekst(self) -> str:
        return "verificeret" if self.verificeret else "ikke verificeret"

    def gaelder(self, dag: date) -> bool:
        return self.fra <= dag and (self.til is None or dag <= self.til)


class KravError(ValueError):
    pass


@cache
def alle_krav() -> tuple[Krav, ...]:
    """Every dated value of every requirement (validated when first read)."""
    with (resources.files("indsats.plan") / "data" / "krav.yaml").open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    out: list[Krav] = []
    for i, k in enumerate(data["krav"]):
        where = f"krav.yaml, krav[{i}]"
        for j, v in enumerate(k["values"]):
            status = v.get("status")
            if status not in ("verified", "unverified"):
                raise KravError(f"{where}.values[{j}].status: verified or unverified")
            src = str(v.get("source") or "")
            if not src:
                raise KravError(f"{where}.values[{j}].source: mangler (no-url:… hvis ingen)")
            out.append(
                Krav(
                    id=str(k["id"]),
                    # A dated value may say something else than the requirement's first text,
                    # e.g. that it was abolished.
                    titel=str(v.get("titel") or k["titel"]),
                    tekst=" ".join(str(v.get("tekst") or k["tekst"]).split()),
                    emne=str(k["emne"]),
                    fra=v["from"],
                    til=v.get("to"),
                    reference=str(v["reference"]),
                    kilde="" if src.startswith("no-url:") else src,
                    verificeret=status == "verified",
                    frist="" if v.get("afskaffet") else str(k.get("frist") or ""),
                    afskaffet=bool(v.get("afskaffet")),
                )
            )
    return tuple(out)


def krav(paa: date) -> tuple[Krav, ...]:
    """The requirements in force on `paa`, in file order."""
    return tuple(k for k in alle_krav() if k.gaelder(paa))
