"""Forms of the plan pages. Every edit form carries `laas`, the row's lock value when the form
was opened (optimistic locking); the services refuse a save based on an older one, and the
form refuses a post without it (a missing lock would otherwise overwrite a newer version)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import cast

from django import forms

from indsats.web.accounts.models import Team
from indsats.web.core.forms import DateField
from indsats.web.offers.models import Tilbud
from indsats.web.plans.models import INDSATS_STATUS_CHOICES
from indsats.web.plans.services import LAAS_MANGLER


class LaasForm(forms.Form):
    laas = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": LAAS_MANGLER,
            "invalid": LAAS_MANGLER,
            "min_value": LAAS_MANGLER,
        },
    )

    def clean(self):
        data = super().clean()
        if "laas" in self._errors:
            # a hidden field's error has no place on the page: it becomes the form's own error
            del self._errors["laas"]
            self.add_error(None, LAAS_MANGLER)
        return data


class VersionForm(LaasForm):
    betegnelse = forms.CharField(label="Betegnelse", max_length=100)
    indledning = forms.CharField(
        label="Indledning", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    situation_tekst = forms.CharField(
        label="Beskæftigelsessituationen (tekst)",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="Tallene og diagrammet dannes fra data; teksten tilretter du her.",
    )


def _parse_milepaele(text: str) -> list[dict]:
    """One milestone per line: 'DD.MM.ÅÅÅÅ Titel' or 'DD.MM.ÅÅÅÅ Titel (nået DD.MM.ÅÅÅÅ)'."""
    import re

    out = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        m = re.match(
            r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(.+?)(?:\s*\(nået (\d{1,2})\.(\d{1,2})\.(\d{4})\))?$",
            line,
        )
        if not m:
            raise forms.ValidationError(
                f"Linje {n}: skriv en milepæl som »31.03.2022 Titel« (eventuelt med »(nået 15.03.2022)«)."
            )
        try:
            frist = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            naaet = date(int(m.group(7)), int(m.group(6)), int(m.group(5))) if m.group(5) else None
        except ValueError:
            raise forms.ValidationError(f"Linje {n}: datoen findes ikke.") from None
        out.append(
            {
                "titel": m.group(4),
                "frist": frist.isoformat(),
                "naaet": naaet.isoformat() if naaet else None,
            }
        )
    return out


def milepaele_text(milepaele: list[dict]) -> str:
    lines = []
    for m in milepaele:
        frist = date.fromisoformat(m["frist"]).strftime("%d.%m.%Y")
        naaet = (
            f" (nået {date.fromisoformat(m['naaet']).strftime('%d.%m.%Y')})"
            if m.get("naaet")
            else ""
        )
        lines.append(f"{frist} {m['titel']}{naaet}")
    return "\n".join(lines)


def _amount(text: str, where: str) -> Decimal:
    from indsats.economics.numbers import EconomicsInputError, parse_amount

    try:
        return parse_amount(text, where=where)
    except EconomicsInputError:
        raise forms.ValidationError(f"{where}: »{text}« er ikke et beløb i kr.") from None


class IndsatsForm(LaasForm):
    titel = forms.CharField(label="Indsats", max_length=300)
    beskrivelse = forms.CharField(
        label="Beskrivelse", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    maalgruppe = forms.CharField(label="Målgruppe", max_length=300, required=False)
    ansvarlig_team = forms.ModelChoiceField(
        label="Ansvarligt team", queryset=Team.objects.none(), required=False
    )
    ansvarlig = forms.CharField(label="Ansvarlig person", max_length=200, required=False)
    start = DateField(label="Start", required=False)
    slut = DateField(label="Slut", required=False)
    status = forms.ChoiceField(label="Status", choices=INDSATS_STATUS_CHOICES)
    milepaele = forms.CharField(
        label="Milepæle",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Én pr. linje: »31.03.2022 Titel« eller »31.03.2022 Titel (nået 15.03.2022)«.",
    )
    tilbud = forms.ModelMultipleChoiceField(
        label="Tilbud fra kataloget", queryset=Tilbud.objects.none(), required=False
    )

    investeringer = forms.MultipleChoiceField(label="Investeringer", required=False, choices=())

    def __init__(
        self,
        *args,
        kommune_kode: int,
        aarene: tuple[int, ...],
        investeringer: list[tuple[str, str]] | tuple = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["investeringer"]).choices = list(investeringer)
        self.aarene = aarene
        cast(forms.ModelChoiceField, self.fields["ansvarlig_team"]).queryset = Team.objects.filter(
            kommune_kode=kommune_kode
        )
        cast(forms.ModelChoiceField, self.fields["tilbud"]).queryset = Tilbud.objects.filter(
            leverandoer__kommune_kode=kommune_kode
        )
        for aar in aarene:
            self.fields[f"budget_{aar}"] = forms.CharField(
                label=f"Budget {aar} (kr.)", required=False, max_length=30
            )

    def clean_milepaele(self):
        return _parse_milepaele(self.cleaned_data.get("milepaele") or "")

    def clean(self):
        data = super().clean()
        start, slut = data.get("start"), data.get("slut")
        if start and slut and slut < start:
            self.add_error("slut", "Indsatsen kan ikke slutte før den starter.")
        budget = {}
        for aar in self.aarene:
            raw = (data.get(f"budget_{aar}") or "").strip()
            if raw:
                try:
                    budget[aar] = _amount(raw, f"Budget {aar}")
                except forms.ValidationError as exc:
                    self.add_error(f"budget_{aar}", exc)
        data["budget"] = budget
        return data

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            "titel": d["titel"],
            "beskrivelse": d["beskrivelse"],
            "maalgruppe": d["maalgruppe"],
            "ansvarlig_team": d["ansvarlig_team"],
            "ansvarlig": d["ansvarlig"],
            "start": d["start"],
            "slut": d["slut"],
            "status": d["status"],
            "milepaele": d["milepaele"],
            "budget": d["budget"],
            "tilbud": list(d["tilbud"]),
            "investeringer": list(d["investeringer"]),
        }


class MaaltalForm(LaasForm):
    succeskriterie = forms.CharField(
        label="Succeskriterie", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, aarene: tuple[int, ...], andel: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.aarene = aarene
        self.andel = andel
        for aar in aarene:
            self.fields[f"maaltal_{aar}"] = forms.CharField(
                label=f"Måltal {aar}" + (" (%)" if andel else ""), required=False, max_length=20
            )

    def clean(self):
        data = super().clean()
        out: dict[int, float | None] = {}
        for aar in self.aarene:
            raw = (data.get(f"maaltal_{aar}") or "").strip().replace("%", "").strip()
            if not raw:
                out[aar] = None
                continue
            try:
                v = float(Decimal(raw.replace(".", "").replace(",", ".") if "," in raw else raw))
            except InvalidOperation:
                self.add_error(f"maaltal_{aar}", f"»{raw}« er ikke et tal.")
                continue
            out[aar] = v / 100 if self.andel else v
        data["maaltal"] = out
        return data


class BudgetlinjeForm(LaasForm):
    post = forms.CharField(label="Post", max_length=300)

    def __init__(self, *args, aarene: tuple[int, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.aarene = aarene
        for aar in aarene:
            self.fields[f"beloeb_{aar}"] = forms.CharField(
                label=f"{aar} (kr.)", required=False, max_length=30
            )

    def clean(self):
        data = super().clean()
        out: dict[int, Decimal | None] = {}
        for aar in self.aarene:
            raw = (data.get(f"beloeb_{aar}") or "").strip()
            if not raw:
                out[aar] = None
                continue
            try:
                out[aar] = _amount(raw, str(aar))
            except forms.ValidationError as exc:
                self.add_error(f"beloeb_{aar}", exc)
        data["beloeb"] = out
        return data


class GodkendForm(LaasForm):
    dato = DateField(label="Godkendt den")
    organ = forms.CharField(label="Godkendt af", max_length=200, initial="Byrådet")
    beslutning_tekst = forms.CharField(
        label="Beslutning (henvisning)",
        max_length=500,
        required=False,
        help_text="Fx udvalgets eller byrådets mødedato og punkt.",
    )


class RevisionForm(forms.Form):
    betegnelse = forms.CharField(label="Betegnelse", max_length=100, initial="Revideret")


class EvalueringForm(forms.Form):
    aar = forms.IntegerField(label="År")


class EvalueringTekstForm(LaasForm):
    noegle = forms.CharField(widget=forms.HiddenInput)
    tekst = forms.CharField(label="Tekst", widget=forms.Textarea(attrs={"rows": 4}))


class UdfoertForm(LaasForm):
    udfoert = DateField(label="Udført den", required=False)
