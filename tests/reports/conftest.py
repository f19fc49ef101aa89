import pytest

from indsats.register import generator, weeks

KOMMUNE = 825  # Læsø: about 1,800 inhabitants, so small cells occur
MONTH = "2024-06"


@pytest.fixture(scope="session")
def small_register(tmp_path_factory):
    d = tmp_path_factory.mktemp("register") / str(KOMMUNE)
    generator.generate_register(
        d, [KOMMUNE], weeks.parse_week("2023W01"), weeks.parse_week("2024W30"), seed=0
    )
    return d


GOALS_YAML = """
maal:
  - id: sdp
    titel: Helårspersoner på sygedagpenge
    ejer: Jobcenterchefen
    indikator: fuldtidspersoner
    filtre: {ydelse: [sygedagpenge]}
    trin: {2023: 30, 2024: 28}
    baseline: {vaerdi: 32, periode: "2022"}
    forloeb: trinvis_aar
    retning: lavere
  - id: offentlig
    titel: Andel på offentlig forsørgelse
    ejer: Udvalget
    indikator: andel_offentlig_forsoergelse
    measure: andel
    baseline: {vaerdi: 0.20, periode: "2022"}
    target: {vaerdi: 0.15, periode: "2026"}
    forloeb: lineaer
    retning: lavere
  - id: revalidering
    titel: Personer i revalidering
    ejer: Teamleder
    indikator: fuldtidspersoner
    measure: personer
    filtre: {ydelse: [revalidering]}
    forloeb: maaned_mod_sidste_aar
    retning: hoejere
  - id: kh-over-5
    titel: Andel kontanthjælpsforløb over 5 år
    ejer: Teamleder
    indikator: kontanthjaelp_over_5_aar
    measure: andel_over
    forloeb: maaned_mod_sidste_aar
    retning: lavere
"""


@pytest.fixture(scope="session")
def goals(tmp_path_factory):
    from indsats.goals.loader import load_goals

    p = tmp_path_factory.mktemp("goals") / "laesoe.yaml"
    p.write_text(GOALS_YAML, encoding="utf-8")
    return load_goals(p)


@pytest.fixture(scope="session")
def built_report(tmp_path_factory, small_register, goals):
    from indsats.reports.build import build_report

    out = tmp_path_factory.mktemp("report")
    return build_report(
        kommune=KOMMUNE,
        month=MONTH,
        register_dir=small_register,
        out_dir=out,
        goals=goals,
    )
