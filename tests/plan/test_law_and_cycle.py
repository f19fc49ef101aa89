"""The legal requirements (dated, cited, unverified marked) and the årshjul."""

from datetime import date

from indsats.plan.cycle import TrinArt, aarshjul, forfaldne
from indsats.plan.law import alle_krav, krav


def test_every_requirement_is_dated_and_cited():
    for k in alle_krav():
        assert k.fra and k.reference and k.tekst
        assert k.kilde.startswith("http") or not k.verificeret
    # the hearing of the local council ended with the 2015 reform
    ids_2010 = {k.id for k in krav(date(2010, 6, 1))}
    ids_2024 = {k.id for k in krav(date(2024, 6, 1))}
    assert "hoering" in ids_2010 and "repatriering" not in ids_2010
    assert {"ansvar", "aarlig_plan"} <= ids_2024
    assert "repatriering" in {k.id for k in krav(date(2021, 6, 1))}
    # lov 295/2023 abolished the plan requirement; what the plan had to contain lapsed with it
    aarlig_2024 = next(k for k in krav(date(2024, 6, 1)) if k.id == "aarlig_plan")
    assert aarlig_2024.afskaffet and "afskaffet" in aarlig_2024.tekst and not aarlig_2024.frist
    assert not {"ministermaal", "indhold_maal_budget", "repatriering"} & ids_2024
    hoering_2024 = next(k for k in krav(date(2024, 6, 1)) if k.id == "hoering")
    assert hoering_2024.status_tekst == "ikke verificeret"
    assert next(k for k in krav(date(2024, 6, 1)) if k.id == "ansvar").verificeret


def test_aarshjul_and_overdue_steps():
    trin = aarshjul(2027)
    assert [t.art for t in trin] == list(TrinArt)
    byraad = trin[-1]
    # The plan requirement was abolished by lov 295/2023: the deadline is local practice since.
    assert byraad.frist == date(2026, 12, 31) and byraad.krav_id == ""
    assert aarshjul(2020)[-1].krav_id == "aarlig_plan"
    late = forfaldne(trin, date(2026, 12, 3))
    assert [t.art for t in late] == [
        TrinArt.EVALUERING,
        TrinArt.MINISTERMAAL,
        TrinArt.UDKAST,
        TrinArt.HOERING,
        TrinArt.UDVALG,
    ]
