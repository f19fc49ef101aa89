from django import forms

from indsats.analytics.indicators import INDICATORS
from indsats.goals.measures import MEASURES, OFFENTLIGE_TAL
from indsats.web.goals.models import Maal

_FIELD = {
    "id": "goal_id",
    "measure": "measure",
    "filtre": "ydelse",
    "baseline": "baseline_vaerdi",
    "baseline.vaerdi": "baseline_vaerdi",
    "baseline.periode": "baseline_periode",
    "target": "target_vaerdi",
    "target.vaerdi": "target_vaerdi",
    "target.periode": "target_periode",
}


class MaalForm(forms.ModelForm):
    indikator = forms.ChoiceField(
        label="Indikator",
        choices=[(name, name) for name in INDICATORS if any(i == name for i, _ in MEASURES)]
        + [(OFFENTLIGE_TAL, f"{OFFENTLIGE_TAL} (offentliggjorte tal, pr. kvartal)")],
    )

    class Meta:
        model = Maal
        fields = [
            "goal_id",
            "titel",
            "ejer",
            "indikator",
            "measure",
            "ydelse",
            "enhed",
            "baseline_vaerdi",
            "baseline_periode",
            "target_vaerdi",
            "target_periode",
            "forloeb",
            "retning",
            "tolerance",
            "kilde",
        ]
        help_texts = {
            "goal_id": "Små bogstaver, tal og bindestreg, fx sdp-helaarspersoner.",
            "measure": "Tom: indikatorens standardopgørelse (fx fuldtidspersoner, andel).",
            "ydelse": "Kun for fuldtidspersoner, tilgang og afgang, fx sygedagpenge. For "
            "offentlige_tal gruppen i de offentlige tal, fx i_alt eller "
            "nettoledige_kontanthjaelp.",
            "baseline_periode": "År (2024), kvartal (2024Q2) eller måned (2024-06).",
            "target_periode": "År (2026), kvartal (2026Q4) eller måned (2026-12).",
            "tolerance": "Hvor langt bagefter målet må være og stadig være 'i risiko' "
            "(0,05 = 5 %).",
        }

    def __init__(self, *args, kommune_kode: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.kommune_kode = kommune_kode

    def clean(self):
        from indsats.goals.loader import goal_from_dict
        from indsats.goals.model import GoalError

        data = super().clean()
        if self.errors:
            return data
        obj = Maal(
            kommune_kode=self.kommune_kode,
            **{k: v for k, v in data.items() if k in self.Meta.fields},
        )
        try:
            self.goal = goal_from_dict(obj.as_dict(), source="formularen")
        except GoalError as exc:
            field = _FIELD.get(exc.field, exc.field)
            self.add_error(field if field in self.fields else None, exc.message)
        if Maal.objects.filter(
            kommune_kode=self.kommune_kode, goal_id=data.get("goal_id")
        ).exists():
            self.add_error("goal_id", "Der findes allerede et mål med dette id.")
        return data
