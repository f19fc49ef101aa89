"""Before an item is published: every table adds up and the text is written for the committee.

`publiceringskontrol(punkt)` returns the problems in plain Danish (empty: the item may go on a
published agenda): a cell that breaks its table's arithmetic (`economics.check`) and text that is
not for a committee (`committee.text`).
"""

from __future__ import annotations

from datetime import date, datetime

from indsats.committee.documents import moededokument, render_html
from indsats.committee.model import Moede, Punkt
from indsats.committee.text import tekstproblemer
from indsats.domain.numbers import format_number
from indsats.economics.check import check_display_table
from indsats.economics.numbers import EconomicsInputError


def tabelproblemer(punkt: Punkt) -> list[str]:
    out = []
    for tabel in punkt.tabeller:
        try:
            kontrol = check_display_table(tabel.titel, tabel.kolonner, tabel.raekker)
        except EconomicsInputError as exc:
            out.append(f"Tabellen »{tabel.titel}« kan ikke kontrolleres: {exc}")
            continue
        for a in kontrol.afvigelser:
            out.append(
                f"Tabellen »{tabel.titel}«, {a.post} / {a.kolonne}: der står "
                f"{format_number(a.oplyst)}, men {a.relation or a.regel} giver "
                f"{format_number(a.forventet)}."
            )
    return out


def publiceringskontrol(punkt: Punkt, *, kommune_navn: str = "", organ: str = "") -> list[str]:
    """The problems that stop `punkt` from being published (empty: none)."""
    moede = Moede(
        organ or "Udvalget",
        kommune_navn,
        datetime.combine(date.today(), datetime.min.time()),
        "",
        punkter=(punkt,),
    )
    html = render_html(moededokument(moede, referat=False, offentlig=False))
    out = tabelproblemer(punkt)
    out += [f"Teksten er ikke skrevet til udvalget: {p}" for p in tekstproblemer(html)]
    return out
