"""Local goals created in the web app by a leader. The core (`indsats.goals`) validates them."""

from django.conf import settings
from django.db import models

from indsats.goals.model import Forloeb, Retning
from indsats.web.accounts.models import validate_kommunekode

FORLOEB_CHOICES = [
    (Forloeb.LINEAER.value, "Lineært fra udgangspunkt til mål"),
    (Forloeb.TRINVIS_AAR.value, "Trinvist år for år (målet fra målåret)"),
    (Forloeb.MAANED_MOD_SIDSTE_AAR.value, "Måned for måned mod samme måned sidste år"),
]
RETNING_CHOICES = [
    (Retning.LAVERE.value, "Lavere er bedre"),
    (Retning.HOEJERE.value, "Højere er bedre"),
]
ENHED_CHOICES = [("personer", "Personer"), ("andel", "Andel"), ("antal", "Antal")]


class Maal(models.Model):
    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])
    goal_id = models.SlugField("id", max_length=64)
    titel = models.CharField("titel", max_length=200)
    ejer = models.CharField("ansvarlig", max_length=200, blank=True)
    indikator = models.CharField("indikator", max_length=64)
    measure = models.CharField("opgørelse", max_length=64, blank=True)
    ydelse = models.CharField("ydelse (filter)", max_length=64, blank=True)
    enhed = models.CharField("enhed", max_length=16, choices=ENHED_CHOICES, blank=True)
    baseline_vaerdi = models.FloatField("udgangspunkt", null=True, blank=True)
    baseline_periode = models.CharField("udgangspunktets periode", max_length=7, blank=True)
    target_vaerdi = models.FloatField("mål", null=True, blank=True)
    target_periode = models.CharField("målets periode", max_length=7, blank=True)
    forloeb = models.CharField("forløb", max_length=32, choices=FORLOEB_CHOICES)
    retning = models.CharField("retning", max_length=16, choices=RETNING_CHOICES)
    tolerance = models.FloatField("tolerance", default=0.05)
    kilde = models.CharField("kilde", max_length=500, blank=True)
    # The yearly steps of a trinvis goal ({"2021": 585}); an approved beskæftigelsesplan writes
    # its måltal here (plans.services.plan_version_approve).
    trin = models.JSONField("måltal pr. år", default=dict, blank=True)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="oprettet af",
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    class Meta:
        verbose_name = "mål"
        verbose_name_plural = "mål"
        ordering = ["kommune_kode", "titel"]
        constraints = [
            models.UniqueConstraint(
                fields=["kommune_kode", "goal_id"], name="maal_unique_per_kommune"
            )
        ]
        permissions = [
            ("view_resultater", "Se resultater og månedsrapporten"),
            ("view_drilldown", "Se tal uden diskretionering (drill-down)"),
            ("build_rapport", "Bygge månedsrapporten"),
        ]

    def __str__(self) -> str:
        return self.titel

    def as_dict(self) -> dict:
        """The goal in the core's dict form (what `indsats.goals.goal_from_dict` reads)."""
        d: dict = {
            "id": self.goal_id,
            "titel": self.titel,
            "ejer": self.ejer,
            "indikator": self.indikator,
            "forloeb": self.forloeb,
            "retning": self.retning,
            "tolerance": self.tolerance,
            "kilde": self.kilde,
            "kommune": self.kommune_kode,
        }
        if self.measure:
            d["measure"] = self.measure
        if self.ydelse:
            d["filtre"] = {"ydelse": [self.ydelse]}
        if self.enhed:
            d["enhed"] = self.enhed
        if self.baseline_vaerdi is not None and self.baseline_periode:
            d["baseline"] = {"vaerdi": self.baseline_vaerdi, "periode": self.baseline_periode}
        if self.target_vaerdi is not None and self.target_periode:
            d["target"] = {"vaerdi": self.target_vaerdi, "periode": self.target_periode}
        if self.trin:
            d["trin"] = {int(y): v for y, v in self.trin.items()}
        return d
