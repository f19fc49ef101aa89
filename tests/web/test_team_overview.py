"""Teamoverblik from the rules in columns (issue 18, issue 13).

The reference is the per-case path: `sag_statuses` (the rules case by case, as the citizen page
uses them) and `maalopfyldelse` over its obligations. The caseload computed in columns
(`caseload_obligations`) must give the same rows, the team's figures (grouped counts over what
the refresh stored with each case's deadlines, in columns or case by case) must be the same
figures, also after a case changes, and each caseworker's row must be what their own worklist
shows.
"""

import random
import re
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from indsats.domain.tilbud import TilbudType
from indsats.rules.maalsaetning import maalopfyldelse
from indsats.rules.vectorised import frame_to_dicts
from indsats.web.accounts.roles import Rolle
from indsats.web.citizens import frister
from indsats.web.citizens.models import (
    Borger,
    Fritagelse,
    Overholdelse,
    Sag,
    Samtale,
    TilbudsForloeb,
)
from indsats.web.citizens.obligations import caseload_obligations, sag_statuses
from indsats.web.citizens.selectors import (
    ALL_TEAMS,
    SIX_MONTHS_DAYS,
    _open_sager_of,
    team_overview_get,
    worklist_get,
)

TODAY = timezone.localdate()
# Before and after the municipal 75 % targets (from 2026-07-01), and the day the tests run.
DAYS = [date(2026, 5, 4), date(2026, 11, 16), TODAY]

MIX = [
    ("kontanthjaelp", "jobparat"),
    ("kontanthjaelp", "aktivitetsparat"),
    ("kontanthjaelp", "uddannelsesparat"),
    ("dagpenge", ""),
    ("dagpenge", ""),
    ("sygedagpenge", ""),
    ("ledighedsydelse", ""),
    ("jobafklaringsforloeb", ""),
]


def _cpr(rng, young: bool) -> str:
    if young:  # born 2000-2005: serial 4xxx puts yy 00-36 in the 2000s
        return f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}0{rng.randint(0, 5)}4{rng.randint(100, 999)}"
    return f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(60, 95)}{rng.randint(1000, 3999)}"


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


@pytest.fixture
def caseworkers(make_user, users):
    return [users["jobraadgiver"], make_user("jens", Rolle.JOBRAADGIVER)]


def _build(teams, caseworkers, anchor: date, *, n: int = 60, seed: int = 18) -> list[Sag]:
    """A team's caseload around `anchor`: every group, starts over the last 16 months, samtaler
    held in time, late and not at all, by the jobcenter and the a-kasse, tilbud, exemptions,
    citizens with an entry date, a case without a caseworker and one the rules cannot compute."""
    rng = random.Random(seed)
    made = []
    tilbud_types = [
        TilbudType.VIRKSOMHEDSPRAKTIK,
        TilbudType.LOENTILSKUD_PRIVAT,
        TilbudType.NYTTEINDSATS,
    ]
    for i in range(n):
        ydelse, visitation = MIX[i % len(MIX)]
        cw = None if i % 17 == 5 else caseworkers[i % len(caseworkers)]
        team = teams["unge"] if i % 13 == 7 else teams["job"]
        borger = Borger.objects.create(
            cpr=_cpr(rng, young=i % 4 == 0),
            fornavn=f"Borger{i}",
            efternavn="Test",
            kommune_kode=573,
            team=team,
            sagsbehandler=cw,
            har_erhvervsuddannelse=i % 3 == 0,
            indrejst=anchor - timedelta(days=900) if i % 11 == 3 else None,
        )
        start = anchor - timedelta(days=rng.randrange(5, 480))
        slut = start + timedelta(days=rng.randrange(60, 300)) if i % 9 == 4 else None
        sag = Sag.objects.create(
            borger=borger,
            ydelse=ydelse,
            visitation=visitation,
            sygedagpenge_kategori="" if i == 13 else ("2" if ydelse == "sygedagpenge" else ""),
            foerste_henvendelse=start,
            slut=slut,
            team=team,
            sagsbehandler=cw,
        )
        span = max(1, (min(anchor, slut or anchor) - start).days)
        for _ in range(rng.randrange(0, 6)):
            day = start + timedelta(days=rng.randrange(span))
            akasse = ydelse == "dagpenge" and rng.random() < 0.4
            Samtale.objects.create(
                sag=sag,
                tidspunkt=_at(day),
                status=rng.choice(["afholdt", "afholdt", "afholdt", "udeblevet"]),
                afholdt_af="akasse" if akasse else "jobcenter",
                type="opfoelgning" if ydelse == "sygedagpenge" else "jobsamtale",
                uddannelsespaalaeg=visitation == "uddannelsesparat" and rng.random() < 0.3,
            )
        if rng.random() < 0.4:
            t_start = start + timedelta(days=rng.randrange(10, 260))
            TilbudsForloeb.objects.create(
                sag=sag,
                tilbudstype=rng.choice(tilbud_types).value,
                start=t_start,
                slut=t_start + timedelta(days=rng.randrange(14, 120)),
                timer_pr_uge=20,
                tilbudt_dato=t_start - timedelta(days=rng.randrange(0, 20)),
            )
        if rng.random() < 0.1:
            Fritagelse.objects.create(
                sag=sag,
                aarsag="sygdom",
                fra=start + timedelta(days=20),
                til=start + timedelta(days=50),
            )
        made.append(sag)
    return made


@pytest.mark.parametrize("anchor", DAYS)
def test_the_caseload_in_columns_gives_the_rules_per_case(teams, caseworkers, anchor):
    _build(teams, caseworkers, anchor)
    sager = Sag.objects.all()
    co = caseload_obligations(sager, as_of=anchor, text=True)
    statuses = sag_statuses(sager.select_related("borger").order_by("pk"), as_of=anchor)
    assert co.errors == {s.sag.pk: s.error for s in statuses if s.error}
    assert len(co.errors) >= 1  # the sygedagpenge case without a category
    per_case = [o.to_dict() for s in statuses for o in s.obligations]
    assert frame_to_dicts(co.obligations) == per_case
    states = {d["state"] for d in per_case}
    assert {"met", "overdue", "late"} <= states  # the data reaches every state that matters
    assert {d["kind"] for d in per_case if d["state"] == "late"} >= {"samtale", "tilbud"}


def _reference(actor, team, as_of):
    """The team's figures the way the per-case path gives them."""
    window_from = as_of - timedelta(days=SIX_MONTHS_DAYS)
    sager = Sag.objects.select_related("borger").filter(borger__kommune_kode=actor.kommune_kode)
    if team is not None:
        sager = sager.filter(borger__team=team)
    statuses = sag_statuses(sager, as_of=as_of)
    compliance = {}
    for k, h in (("samtale", "jobcenter"), ("tilbud", "jobcenter"), ("samtale", "akasse")):
        cases = met = 0
        for s in statuses:
            six_end = s.sag.foerste_henvendelse + timedelta(days=SIX_MONTHS_DAYS)
            if s.error or not window_from <= six_end <= as_of:
                continue
            rows = [
                o
                for o in s.obligations
                if o.kind == k
                and o.holder == h
                and o.personal_duty
                and o.due_by is not None
                and o.due_by <= six_end
            ]
            if rows:
                cases += 1
                met += all(o.met and (o.met_on is None or o.met_on <= o.due_by) for o in rows)
        compliance[(k, h)] = (cases, met)
    try:
        figures = maalopfyldelse(
            [o for s in statuses for o in s.obligations], as_of, periode=(window_from, as_of)
        )
        targets = {
            f: (figures[f]["sager"], figures[f]["opfyldt"])
            for f in ("samtale", "tilbud", "samtale_akasse")
        }
    except ValueError:
        targets = {}
    overdue: dict = {}
    for s in statuses:
        if s.sag.slut is not None and s.sag.slut < as_of:
            continue
        n = sum(
            o.state == "overdue" and o.personal_duty and o.holder == "jobcenter"
            for o in s.obligations
        )
        overdue[s.sag.sagsbehandler_id] = overdue.get(s.sag.sagsbehandler_id, 0) + n
    return compliance, targets, overdue


# The refresh computes the rules case by case below `VECTORISED_FROM` cases, in columns above.
REFRESH_PATHS = {"columns": 0, "per case": 10**9}


@pytest.mark.parametrize("refresh", REFRESH_PATHS)
@pytest.mark.parametrize("anchor", DAYS)
@pytest.mark.parametrize("which", ["job", ALL_TEAMS])
def test_team_figures_equal_the_per_case_path(
    teams, users, caseworkers, anchor, which, refresh, monkeypatch
):
    monkeypatch.setattr(frister, "VECTORISED_FROM", REFRESH_PATHS[refresh])
    _build(teams, caseworkers, anchor)
    leder = users["leder"]
    team = teams["job"] if which == "job" else None
    t = team_overview_get(actor=leder, as_of=anchor, team=teams["job"] if team else ALL_TEAMS)
    _assert_equal_to_reference(t, leder, team, anchor)


def _assert_equal_to_reference(t, leder, team, anchor):
    compliance, targets, overdue = _reference(leder, team, anchor)
    assert {(c.kind, c.holder): (c.cases, c.met) for c in t.compliance} == compliance
    assert all(c.target_share is None for c in t.compliance)
    got_targets = {
        ("samtale_akasse" if c.holder == "akasse" else c.kind): (c.cases, c.met) for c in t.targets
    }
    assert got_targets == targets
    if anchor >= date(2026, 7, 1):
        assert {str(c.target_share) for c in t.targets} == {"0.75"}
        assert any(c.cases for c in t.targets)
    else:
        assert t.targets == []
    assert sum(c.cases for c in t.compliance) > 0
    assert {r.sagsbehandler_id: r.overskredne for r in t.caseload} == {
        k: v for k, v in overdue.items() if k in {r.sagsbehandler_id for r in t.caseload}
    }


def _stored():
    return sorted(
        (str(sag_id), maal, pligt, dato, opfyldt)
        for sag_id, maal, pligt, dato, opfyldt in Overholdelse.objects.values_list(
            "sag_id", "maal", "pligt", "dato", "opfyldt"
        )
    )


@pytest.mark.parametrize("anchor", DAYS)
def test_both_refresh_paths_store_the_same_compliance(teams, caseworkers, anchor, monkeypatch):
    _build(teams, caseworkers, anchor)
    ids = list(Sag.objects.values_list("pk", flat=True))
    stored = {}
    for path, threshold in REFRESH_PATHS.items():
        monkeypatch.setattr(frister, "VECTORISED_FROM", threshold)
        Overholdelse.objects.all().delete()
        frister.frister_refresh(sag_ids=ids, as_of=anchor)
        stored[path] = _stored()
    assert stored["columns"] == stored["per case"]
    assert {(maal, pligt) for _, maal, pligt, _, _ in stored["columns"]} >= {
        ("samtale", True),
        ("tilbud", True),
        ("samtale_akasse", True),
    }
    assert {opfyldt for *_, opfyldt in stored["columns"]} == {True, False}


def test_the_figures_follow_a_change_to_a_case(teams, users, caseworkers):
    """A samtale held, a case closed and a case deleted after the day's figures were stored:
    the next look gives the per-case path's figures again (the change cleared the cases'
    key, and they are computed again)."""
    anchor = DAYS[1]
    sager = _build(teams, caseworkers, anchor)
    leder = users["leder"]
    before = team_overview_get(actor=leder, as_of=anchor, team=ALL_TEAMS)
    _assert_equal_to_reference(before, leder, None, anchor)
    window_from = anchor - timedelta(days=SIX_MONTHS_DAYS)
    in_window = [
        s
        for s in sager
        if window_from <= s.foerste_henvendelse + timedelta(days=SIX_MONTHS_DAYS) <= anchor
    ]
    assert len(in_window) >= 3
    first, second, third = in_window[:3]
    for day in range(0, SIX_MONTHS_DAYS, 20):
        Samtale.objects.create(
            sag=first,
            tidspunkt=_at(first.foerste_henvendelse + timedelta(days=day)),
            status="afholdt",
            afholdt_af="jobcenter",
            type="opfoelgning" if first.ydelse == "sygedagpenge" else "jobsamtale",
        )
    second.slut = second.foerste_henvendelse + timedelta(days=30)
    second.save()
    third.delete()
    after = team_overview_get(actor=leder, as_of=anchor, team=ALL_TEAMS)
    _assert_equal_to_reference(after, leder, None, anchor)
    assert [(c.cases, c.met) for c in after.compliance] != [
        (c.cases, c.met) for c in before.compliance
    ]


@pytest.mark.parametrize("anchor", DAYS)
def test_each_caseworkers_row_is_their_worklist(teams, users, caseworkers, anchor):
    sager = _build(teams, caseworkers, anchor)
    t = team_overview_get(actor=users["leder"], as_of=anchor, team=teams["job"])
    rows = {r.sagsbehandler_id: r for r in t.caseload}
    for cw in caseworkers:
        w = worklist_get(actor=cw, as_of=anchor)
        assert rows[cw.pk].overskredne == len(w.overdue)
        assert rows[cw.pk].borgere == _open_sager_of(cw, anchor).values("borger").distinct().count()
        assert all(i.obligation.holder == "jobcenter" for i in w.items)
    # Citizens whose open case has no caseworker are on no worklist: Teamoverblik shows them.
    nobody = [
        s for s in sager if s.sagsbehandler_id is None and s.borger.team == teams["job"]
        and (s.slut is None or s.slut >= anchor)
    ]  # fmt: skip
    assert nobody
    assert rows[None].navn == "Uden sagsbehandler"
    assert rows[None].borgere == len({s.borger_id for s in nobody})


def test_a_leader_picks_the_team_or_all_teams(teams, users, caseworkers, login):
    _build(teams, caseworkers, TODAY, n=30)
    client = login(users["leder"])
    page = client.get(reverse("citizens:team"))
    assert page.status_code == 200 and page.context["t"].team == teams["job"]
    assert "Alle teams" in page.content.decode()
    unge = client.get(reverse("citizens:team"), {"team": teams["unge"].pk})
    assert unge.context["t"].team == teams["unge"]
    alle = client.get(reverse("citizens:team"), {"team": ALL_TEAMS})
    t = alle.context["t"]
    assert t.all_teams
    assert sum(r.borgere for r in t.caseload) == sum(
        r.borgere for team in ("job", "unge") for r in team_overview_get(
            actor=users["leder"], as_of=TODAY, team=teams[team]
        ).caseload
    )  # fmt: skip
    # another municipality's team is not a choice
    assert (
        client.get(reverse("citizens:team"), {"team": teams["other_kommune"].pk}).status_code == 404
    )


def test_the_target_column_shows_the_municipal_target(teams, users, caseworkers, login):
    _build(teams, caseworkers, TODAY)
    page = login(users["leder"]).get(reverse("citizens:team")).content.decode()
    if date(2026, 7, 1) <= TODAY:
        assert "mindst 75 %" in page
        assert "A-kassens samtaler" in page
    assert "Alle sager" in page


def test_the_target_figure_is_marked_unverified_where_it_is_shown(teams, users, caseworkers, login):
    """How STAR measures the 2026 targets over a period (their measurement window) was not found
    (docs/rules.md, "Not modelled"; `opgoerelse.status` is unverified): each target figure in the
    "Mål" column carries the mark; the duties in every case do not (issue 17)."""
    _build(teams, caseworkers, TODAY)
    page = login(users["leder"]).get(reverse("citizens:team")).content.decode()
    mark = "målingsperiode ikke efterprøvet"
    if date(2026, 7, 1) > TODAY:  # no targets before that day
        assert mark not in page
        return
    # once STAR's window is found and the status verified, the mark goes from the template
    assert maalopfyldelse([], TODAY)["opgoerelse"]["status"] == "unverified"
    duties, targets = page.split("<caption>Kommunens mål (fra 1. juli 2026)")
    assert mark not in duties
    rows = re.findall(r"<tr><td>.*?</tr>", targets.split("</table>")[0], re.S)
    assert len(rows) == 3  # samtaler, tilbud, the a-kasse's samtaler
    for row in rows:
        assert re.search(
            r'<td class="num">mindst 75 % <span class="badge unverified" title="[^"]*">'
            + mark
            + "</span></td></tr>$",
            row,
        ), row


def test_a_caseworker_sees_no_team_overview(teams, users, caseworkers, login):
    client = login(users["jobraadgiver"])
    assert client.get(reverse("citizens:team")).status_code == 403
    with pytest.raises(Exception, match="PermissionDenied|"):
        team_overview_get(actor=users["jobraadgiver"], as_of=TODAY, team=ALL_TEAMS)


def test_an_administrator_without_a_team_sees_every_team(teams, users, caseworkers, login):
    """The menu shows Teamoverblik to an administrator, who has no team of their own: the page
    opens on every team of the municipality instead of refusing."""
    admin = users["admin"]
    assert admin.team is None
    t = team_overview_get(actor=admin, as_of=TODAY)
    assert t.all_teams
    client = login(admin)
    r = client.get("/teamoverblik/")
    assert r.status_code == 200
    assert 'value="alle" selected' in r.content.decode()
