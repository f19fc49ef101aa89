"""A revision and its diff against the approved version."""

from dataclasses import replace
from datetime import date

from indsats.plan.cycle import revision
from indsats.plan.diff import Art, version_diff
from indsats.plan.model import Indsats, IndsatsStatus, Maaltal


def test_revision_diff_names_goals_maaltal_actions_and_budget(varde):
    ny = revision(varde, betegnelse="Revideret 2022")
    assert version_diff(varde, ny) == ()  # a revision starts as a copy

    saerlige = ny.fokusomraader[5]
    sdp = saerlige.maal[0]
    sdp2 = replace(
        sdp, maaltal=tuple(replace(t, vaerdi=580) if t.aar == 2022 else t for t in sdp.maaltal)
    )
    aktoer = next(i for i in saerlige.indsatser if i.id == "anden-aktoer-sygedagpenge")
    ny_indsats = Indsats(
        "fleksjob-mikro",
        "Flere timer i mikrofleksjob",
        start=date(2022, 1, 1),
        slut=date(2022, 12, 31),
    )
    saerlige2 = replace(
        saerlige,
        maal=(sdp2, *saerlige.maal[1:]),
        indsatser=tuple(
            replace(i, status=IndsatsStatus.AFSLUTTET) if i is aktoer else i
            for i in saerlige.indsatser
        )
        + (ny_indsats,),
    )
    budget = tuple(
        replace(
            b, beloeb=tuple(replace(x, kr=x.kr - 100000) if x.aar == 2022 else x for x in b.beloeb)
        )
        if b.id == "tilbud-jobafklaring"
        else b
        for b in ny.budget
    )
    ny = replace(ny, fokusomraader=(*ny.fokusomraader[:5], saerlige2), budget=budget)
    tekster = [c.tekst for c in version_diff(varde, ny)]
    assert tekster == [
        "Måltal »Helårspersoner på sygedagpenge«, 2022: 590 → 580",
        "Indsats »Flere timer i mikrofleksjob« tilføjet",
        "Indsats »Øget indsats ved anden aktør på sygedagpengeområdet«, status: I gang → Afsluttet",
        "Budget »Virksomhedsrettede tilbud i jobafklaringsforløb (netto)«, budget 2022: 400.000 kr. → 300.000 kr.",
    ]
    removed = replace(ny, fokusomraader=ny.fokusomraader[:4] + ny.fokusomraader[5:])
    d = version_diff(varde, removed)
    assert any(
        c.art is Art.FJERNET and c.omraade == "Fokusområde" and c.hvad == "Handicap" for c in d
    )
    assert any(
        c.art is Art.FJERNET and c.hvad == "Dialogmøde med lokale patientforeninger" for c in d
    )
    assert Maaltal  # the model type the diff reads
