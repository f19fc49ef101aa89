"""The beskæftigelsesplan in the database: plans, versions and their parts (docs/plan.md).

The core (`indsats.plan`) holds the rules; these rows are what a municipality keeps. A version's
parts are rows so that goals link to the goals module's own goals (`goals.Maal`), actions to
the offer catalogue and teams, and investments to economics' business cases. An approved version
also keeps a frozen snapshot (the core's plain-data format), so its document and its diff never
change when a linked goal or case is edited later.

Optimistic locking: every editable row has `laas`, bumped by every save through a service; a
save based on an older `laas` is refused with a Danish message.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from indsats.plan.cycle import TRIN_LABELS, TrinArt
from indsats.plan.model import (
    BUDGETART_LABELS,
    INDSATS_STATUS_LABELS,
    MAALTYPE_LABELS,
    STATUS_LABELS,
)
from indsats.web.accounts.models import Team, validate_kommunekode

STATUS_CHOICES = [(s.value, label) for s, label in STATUS_LABELS.items()]
MAALTYPE_CHOICES = [(t.value, label) for t, label in MAALTYPE_LABELS.items()]
INDSATS_STATUS_CHOICES = [(s.value, label) for s, label in INDSATS_STATUS_LABELS.items()]
BUDGETART_CHOICES = [(a.value, label) for a, label in BUDGETART_LABELS.items()]
TRIN_CHOICES = [(t.value, label) for t, label in TRIN_LABELS.items()]
ROLLE_CHOICES = [("analytiker", "Analytiker"), ("leder", "Leder")]
assert {t.value for t in TrinArt} == {v for v, _ in TRIN_CHOICES}


class Laast(models.Model):
    """Optimistic locking (see the module text)."""

    laas = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Plan(models.Model):
    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])
    titel = models.CharField("titel", max_length=200)
    foerste_aar = models.PositiveSmallIntegerField("første år")
    sidste_aar = models.PositiveSmallIntegerField("sidste år")
    udvalg = models.CharField("udvalg", max_length=200)
    forgaenger = models.ForeignKey(
        "self",
        verbose_name="bygger på",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="efterfoelgere",
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    class Meta:
        verbose_name = "beskæftigelsesplan"
        verbose_name_plural = "beskæftigelsesplaner"
        ordering = ["kommune_kode", "-foerste_aar"]
        permissions = [
            ("edit_plan", "Redigere kladder til beskæftigelsesplaner"),
            ("approve_plan", "Registrere godkendelsen af en beskæftigelsesplan"),
        ]

    def __str__(self) -> str:
        return self.titel


class PlanVersion(Laast):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versioner")
    betegnelse = models.CharField("betegnelse", max_length=100)
    status = models.CharField("status", max_length=20, choices=STATUS_CHOICES, default="kladde")
    forgaenger = models.ForeignKey(
        "self",
        verbose_name="revision af",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="revisioner",
    )
    indledning = models.TextField("indledning", blank=True)
    situation = models.JSONField("beskæftigelsessituationen", default=dict, blank=True)
    kilde = models.JSONField("kilde", null=True, blank=True)
    sendt_til_udvalg = models.DateTimeField("sendt til udvalget", null=True, blank=True)
    godkendt_dato = models.DateField("godkendt den", null=True, blank=True)
    godkendt_af = models.CharField("godkendt af", max_length=200, blank=True)
    beslutning_tekst = models.CharField("beslutning", max_length=500, blank=True)
    # The committee's decision, once the committee module exists: any model, by generic reference.
    beslutning_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    beslutning_id = models.PositiveBigIntegerField(null=True, blank=True)
    beslutning = GenericForeignKey("beslutning_type", "beslutning_id")
    snapshot = models.JSONField("frosset udgave", null=True, blank=True, editable=False)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    opdateret = models.DateTimeField("opdateret", auto_now=True)

    class Meta:
        verbose_name = "planversion"
        verbose_name_plural = "planversioner"
        ordering = ["plan", "oprettet"]

    def __str__(self) -> str:
        return f"{self.plan.titel}, {self.betegnelse}"


class Del(Laast):
    """A part of a version, in the version's order."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="+")
    noegle = models.SlugField("id", max_length=80)
    raekkefoelge = models.PositiveIntegerField(default=0)
    kilde = models.JSONField("kilde", null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["raekkefoelge", "pk"]


class Fokusomraade(Del):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="fokusomraader")
    titel = models.CharField("titel", max_length=200)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    ministermaal = models.JSONField("ministermål", default=list, blank=True)

    class Meta(Del.Meta):
        verbose_name = "fokusområde"
        verbose_name_plural = "fokusområder"

    def __str__(self) -> str:
        return self.titel


class PlanMaal(Del):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="maal")
    fokusomraade = models.ForeignKey(
        Fokusomraade, null=True, blank=True, on_delete=models.CASCADE, related_name="maal"
    )
    titel = models.CharField("titel", max_length=300)
    type = models.CharField("type", max_length=20, choices=MAALTYPE_CHOICES)
    # The goals module's own goal: a goal created in the web app, or a bundled goal by its id.
    maal = models.ForeignKey(
        "goals.Maal",
        verbose_name="mål i målmodulet",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="planmaal",
    )
    goal_id = models.CharField("indbygget mål (id)", max_length=64, blank=True)
    ministermaal = models.CharField("ministermål (år:nr)", max_length=10, blank=True)
    maaltal = models.JSONField("måltal", default=list, blank=True)  # [{aar, vaerdi, kilde}]
    succeskriterie = models.TextField("succeskriterie", blank=True)
    maaling = models.TextField("måling", blank=True)

    class Meta(Del.Meta):
        verbose_name = "mål i planen"
        verbose_name_plural = "mål i planen"

    def __str__(self) -> str:
        return self.titel


class Indsats(Del):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="indsatser")
    fokusomraade = models.ForeignKey(
        Fokusomraade, on_delete=models.CASCADE, related_name="indsatser"
    )
    titel = models.CharField("titel", max_length=300)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    maalgruppe = models.CharField("målgruppe", max_length=300, blank=True)
    ansvarlig_team = models.ForeignKey(
        Team, verbose_name="ansvarligt team", null=True, blank=True, on_delete=models.SET_NULL
    )
    ansvarlig = models.CharField("ansvarlig", max_length=200, blank=True)
    start = models.DateField("start", null=True, blank=True)
    slut = models.DateField("slut", null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=INDSATS_STATUS_CHOICES, default="ikke_startet"
    )
    milepaele = models.JSONField("milepæle", default=list, blank=True)  # [{titel, frist, naaet}]
    tilbud = models.ManyToManyField(
        "offers.Tilbud", verbose_name="tilbud", blank=True, related_name="indsatser"
    )
    investeringer = models.JSONField("investeringer", default=list, blank=True)  # noegler
    budget = models.JSONField("budget", default=dict, blank=True)  # {"2021": "200000"}

    class Meta(Del.Meta):
        verbose_name = "indsats"
        verbose_name_plural = "indsatser"

    def __str__(self) -> str:
        return self.titel


class Investering(Del):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="investeringer")
    titel = models.CharField("titel", max_length=300)
    case = models.ForeignKey(
        "offers.Investeringscase",
        verbose_name="business case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="planer",
    )
    beskrivelse = models.TextField("beskrivelse", blank=True)
    tabeller = models.JSONField(
        "tabeller", default=list, blank=True
    )  # [{id, titel, csv, kilde, note}]

    class Meta(Del.Meta):
        verbose_name = "investering"
        verbose_name_plural = "investeringer"

    def __str__(self) -> str:
        return self.titel


class Budgetlinje(Del):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="budget")
    post = models.CharField("post", max_length=300)
    art = models.CharField("art", max_length=20, choices=BUDGETART_CHOICES)
    beloeb = models.JSONField("beløb", default=dict, blank=True)  # {"2021": "-560000"}
    note = models.TextField("note", blank=True)

    class Meta(Del.Meta):
        verbose_name = "budgetlinje"
        verbose_name_plural = "budgetlinjer"

    def __str__(self) -> str:
        return self.post


class Evaluering(Laast):
    """The yearly evaluation of a plan year: the computed figures and the analyst's texts."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="evalueringer")
    aar = models.PositiveSmallIntegerField("år")
    dannet = models.DateField("dannet")
    data = models.JSONField("tal", default=dict)
    tekster = models.JSONField("tekster", default=dict)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "evaluering"
        verbose_name_plural = "evalueringer"
        ordering = ["version", "aar"]
        constraints = [
            models.UniqueConstraint(fields=["version", "aar"], name="plans_evaluering_unik")
        ]

    def __str__(self) -> str:
        return f"Evaluering af {self.aar}"


class Aarshjulstrin(Laast):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="aarshjul")
    planaar = models.PositiveSmallIntegerField("planår")
    art = models.CharField("trin", max_length=20, choices=TRIN_CHOICES)
    titel = models.CharField("titel", max_length=200)
    frist = models.DateField("frist")
    ansvarlig = models.CharField("ansvarlig rolle", max_length=20, choices=ROLLE_CHOICES)
    krav_id = models.CharField("lovkrav", max_length=40, blank=True)
    udfoert = models.DateField("udført", null=True, blank=True)

    class Meta:
        verbose_name = "trin i årshjulet"
        verbose_name_plural = "årshjul"
        ordering = ["frist", "pk"]

    def __str__(self) -> str:
        return self.titel
