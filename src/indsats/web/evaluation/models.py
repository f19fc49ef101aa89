"""Effect evaluations of projects and investments: what to evaluate, and the stored result.

The arithmetic is in `indsats.evaluation` (plain Python); the result is stored as the
aggregates-only data of `indsats.reports.effektvurdering` (no person ids). Participants from a
file are stored by their pseudonymous register id and start week only.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from indsats.domain.ydelser import YDELSER, Ydelse
from indsats.web.accounts.models import validate_kommunekode
from indsats.web.citizens.models import TILBUDSTYPE_CHOICES

YDELSE_CHOICES = [(y.value, YDELSER[y].navn) for y in Ydelse]


class Evaluering(models.Model):
    """One evaluation: its participants' source, the design, and the latest result."""

    class Kilde(models.TextChoices):
        FIL = "fil", "Deltagerliste (fil med person-id og startuge)"
        TILBUD = "tilbud", "Borgere henvist til et tilbud med projektmærket"
        TILBUDSTYPE = "tilbudstype", "Alle borgere henvist til en tilbudstype"
        MAALGRUPPE = "maalgruppe", "En målgruppe i ydelsesregistret (fx en investeringscases)"

    class Status(models.TextChoices):
        AFVENTER = "afventer", "Ikke beregnet"
        KLAR = "klar", "Beregnet"
        FEJL = "fejl", "Kan ikke beregnes"

    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])
    navn = models.CharField("navn", max_length=200)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    kilde = models.CharField("deltagere", max_length=20, choices=Kilde.choices)
    investeringscase = models.ForeignKey(
        "offers.Investeringscase",
        verbose_name="investeringscase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evalueringer",
        help_text="Den realiserede effekt vises ved casen.",
    )
    projektmaerke = models.CharField(
        "projektmærke",
        max_length=100,
        blank=True,
        help_text="Borgere henvist til et tilbudsforløb med dette projektmærke er deltagere.",
    )
    tilbudstype = models.CharField(
        "tilbudstype",
        max_length=40,
        choices=TILBUDSTYPE_CHOICES,
        blank=True,
        help_text="Alle borgere henvist til et tilbudsforløb af denne type er deltagere.",
    )
    maalgruppe_ydelse = models.CharField(
        "målgruppens ydelse", max_length=40, choices=YDELSE_CHOICES, blank=True
    )
    fra_uge = models.CharField("første startuge", max_length=8, blank=True)
    til_uge = models.CharField("sidste startuge", max_length=8, blank=True)
    min_varighed = models.PositiveSmallIntegerField(
        "uger på ydelsen ved start", default=1, validators=[MaxValueValidator(156)]
    )
    sammenligning_kommuner = models.JSONField(
        "sammenligningskommuner",
        default=list,
        blank=True,
        help_text="Tom: sammenligningsgruppen findes i deltagernes egen kommune.",
    )
    eksakt_koen = models.BooleanField(
        "præcis samme køn",
        default=True,
        help_text="Fra: giver flere at sammenligne med, når puljen er lille.",
    )
    naboer = models.PositiveSmallIntegerField(
        "sammenligningspersoner pr. deltager",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    hovedmaal_uge = models.PositiveSmallIntegerField(
        "hovedmål: uger efter start",
        default=26,
        validators=[MinValueValidator(4), MaxValueValidator(104)],
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.AFVENTER
    )
    fejl = models.TextField("hvorfor den ikke kan beregnes", blank=True)
    resultat = models.JSONField("resultat", null=True, blank=True)
    beregnet = models.DateTimeField("beregnet", null=True, blank=True)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="oprettet af",
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    class Meta:
        verbose_name = "effektvurdering"
        verbose_name_plural = "effektvurderinger"
        ordering = ["-oprettet"]
        permissions = [("run_evaluering", "Beregne effektvurderinger")]

    def __str__(self) -> str:
        return self.navn


class EvalueringDeltager(models.Model):
    """A participant from a file: the pseudonymous register id and the start week (index)."""

    evaluering = models.ForeignKey(Evaluering, on_delete=models.CASCADE, related_name="deltagere")
    person_id = models.BigIntegerField("id i ydelsesregistret")
    start_uge = models.IntegerField("startuge (uge-indeks)")
    linje = models.PositiveIntegerField("linje i filen", null=True)

    class Meta:
        verbose_name = "deltager"
        verbose_name_plural = "deltagere"
        constraints = [
            models.UniqueConstraint(
                fields=["evaluering", "person_id"], name="evaluering_deltager_unique"
            )
        ]

    def __str__(self) -> str:
        return f"deltager {self.pk}"
