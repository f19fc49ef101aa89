"""The offer catalogue (providers and offers) and the economics inputs: budgets, monthly actuals
with their refusion split, and investment business cases. No citizen data lives here.

The arithmetic is in `indsats.economics` (plain Python); `to_core()` maps a row onto it.
"""

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from indsats.domain.maalgrupper import MAALGRUPPER, Maalgruppe
from indsats.domain.tilbud import TILBUDSTYPER, TilbudType
from indsats.domain.ydelser import YDELSER, Ydelse
from indsats.economics.budget import BudgetPost
from indsats.economics.budget import Maanedstal as CoreMaanedstal
from indsats.economics.business_case import Investeringscase as CoreCase
from indsats.economics.catalogue import (
    LEVERANDOERTYPE_LABELS,
    KatalogTilbud,
    LeverandoerType,
    Pris,
)
from indsats.economics.refusion import RefusionFordeling
from indsats.web.accounts.models import validate_kommunekode

TILBUDSTYPE_CHOICES = [(t.value, TILBUDSTYPER[t].navn) for t in TilbudType]
YDELSE_CHOICES = [(y.value, YDELSER[y].navn) for y in Ydelse]
MAALGRUPPE_CHOICES = [(m.value, MAALGRUPPER[m].navn) for m in Maalgruppe]
LEVERANDOERTYPE_CHOICES = [(k.value, LEVERANDOERTYPE_LABELS[k]) for k in LeverandoerType]
_NOT_NEGATIVE = [MinValueValidator(Decimal(0))]


def validate_maalgrupper(value) -> None:
    if not isinstance(value, list):
        raise ValidationError("Målgrupper skal være en liste.")
    for v in value:
        if v not in Maalgruppe.__members__.values():
            raise ValidationError("Ukendt målgruppe: %(v)s", params={"v": v})


class Leverandoer(models.Model):
    """A provider: the municipality's own unit, an external supplier or an anden aktør."""

    navn = models.CharField("navn", max_length=200)
    kind = models.CharField("type", max_length=20, choices=LEVERANDOERTYPE_CHOICES)
    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])

    class Meta:
        verbose_name = "leverandør"
        verbose_name_plural = "leverandører"
        ordering = ["navn"]
        constraints = [
            models.UniqueConstraint(
                fields=["kommune_kode", "navn"], name="leverandoer_unique_per_kommune"
            )
        ]

    def __str__(self) -> str:
        return self.navn


class Tilbud(models.Model):
    """An offer in the catalogue, with its price per week or per month (at least one)."""

    leverandoer = models.ForeignKey(
        Leverandoer, verbose_name="leverandør", on_delete=models.PROTECT, related_name="tilbud"
    )
    navn = models.CharField("navn", max_length=200)
    type = models.CharField("tilbudstype", max_length=40, choices=TILBUDSTYPE_CHOICES)
    maalgrupper = models.JSONField(
        "målgrupper", default=list, blank=True, validators=[validate_maalgrupper]
    )
    pris_pr_uge = models.DecimalField(
        "pris pr. uge",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_NOT_NEGATIVE,
    )
    pris_pr_maaned = models.DecimalField(
        "pris pr. måned",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_NOT_NEGATIVE,
    )
    kapacitet = models.PositiveIntegerField("kapacitet (pladser)", null=True, blank=True)
    gyldig_fra = models.DateField("gyldig fra", null=True, blank=True)
    gyldig_til = models.DateField("gyldig til", null=True, blank=True)
    kilde = models.CharField("kilde", max_length=300, blank=True)
    # A new offer is proposed until the committee approves it (docs/committee.md); only active
    # offers are in the catalogue caseworkers refer to.
    status = models.CharField(
        "status",
        max_length=20,
        choices=[("foreslaaet", "Foreslået (afventer udvalget)"), ("aktiv", "I kataloget")],
        default="aktiv",
    )
    godkendt_ved_type = models.ForeignKey(
        "contenttypes.ContentType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    godkendt_ved_id = models.PositiveIntegerField(null=True, blank=True)
    godkendt_ved = GenericForeignKey("godkendt_ved_type", "godkendt_ved_id")

    class Meta:
        verbose_name = "tilbud"
        verbose_name_plural = "tilbud"
        ordering = ["navn"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pris_pr_uge__isnull=False)
                | models.Q(pris_pr_maaned__isnull=False),
                name="tilbud_has_a_price",
            ),
        ]

    def __str__(self) -> str:
        return self.navn

    def clean(self) -> None:
        super().clean()
        if self.pris_pr_uge is None and self.pris_pr_maaned is None:
            raise ValidationError({"pris_pr_uge": "Angiv en pris pr. uge eller pr. måned."})
        if self.gyldig_fra and self.gyldig_til and self.gyldig_til < self.gyldig_fra:
            raise ValidationError({"gyldig_til": "Slutdatoen ligger før startdatoen."})

    @property
    def pris(self) -> Pris:
        return Pris(self.pris_pr_uge, self.pris_pr_maaned)

    @property
    def type_navn(self) -> str:
        return TILBUDSTYPER[TilbudType(self.type)].navn

    @property
    def maalgruppe_navne(self) -> list[str]:
        return [MAALGRUPPER[Maalgruppe(m)].navn for m in self.maalgrupper]

    def to_core(self) -> KatalogTilbud:
        return KatalogTilbud(
            navn=self.navn,
            pris=self.pris,
            type=TilbudType(self.type),
            leverandoer=self.leverandoer.navn,
            leverandoer_type=LeverandoerType(self.leverandoer.kind),
            maalgrupper=tuple(Maalgruppe(m) for m in self.maalgrupper),
            kapacitet=self.kapacitet,
            kilde=self.kilde,
        )


class Budget(models.Model):
    """The budget for one benefit in one year: helårspersoner and gross unit cost."""

    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])
    aar = models.PositiveSmallIntegerField(
        "år", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    ydelse = models.CharField("ydelse", max_length=40, choices=YDELSE_CHOICES)
    helaarspersoner = models.DecimalField(
        "helårspersoner budgetteret", max_digits=10, decimal_places=1, validators=_NOT_NEGATIVE
    )
    enhedspris = models.DecimalField(
        "enhedspris (kr. pr. helårsperson pr. år, før refusion)",
        max_digits=12,
        decimal_places=2,
        validators=_NOT_NEGATIVE,
    )
    kilde = models.CharField("kilde", max_length=300, blank=True)
    demotal = models.BooleanField("demotal", default=False)

    class Meta:
        verbose_name = "budget"
        verbose_name_plural = "budgetter"
        ordering = ["aar", "ydelse"]
        constraints = [
            models.UniqueConstraint(
                fields=["kommune_kode", "aar", "ydelse"], name="budget_unique_per_ydelse_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_ydelse_display()} {self.aar}"

    def to_core(self) -> BudgetPost:
        return BudgetPost(
            Ydelse(self.ydelse), self.aar, self.helaarspersoner, self.enhedspris, self.kilde
        )


class Maanedstal(models.Model):
    """Actual helårspersoner on a benefit in one month, with the month's refusion split (the
    share of expenditure at each tier). From the register (analytics) or typed in."""

    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])
    aar = models.PositiveSmallIntegerField("år")
    maaned = models.PositiveSmallIntegerField(
        "måned", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    ydelse = models.CharField("ydelse", max_length=40, choices=YDELSE_CHOICES)
    helaarspersoner = models.DecimalField(
        "helårspersoner", max_digits=10, decimal_places=1, validators=_NOT_NEGATIVE
    )
    andel_trin1 = models.DecimalField(
        "andel trin 1",
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=_NOT_NEGATIVE,
    )
    andel_trin2 = models.DecimalField(
        "andel trin 2",
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=_NOT_NEGATIVE,
    )
    andel_trin3 = models.DecimalField(
        "andel trin 3",
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=_NOT_NEGATIVE,
    )
    andel_trin4 = models.DecimalField(
        "andel trin 4",
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=_NOT_NEGATIVE,
    )
    kilde = models.CharField("kilde", max_length=100, blank=True)

    class Meta:
        verbose_name = "månedstal"
        verbose_name_plural = "månedstal"
        ordering = ["aar", "maaned", "ydelse"]
        constraints = [
            models.UniqueConstraint(
                fields=["kommune_kode", "aar", "maaned", "ydelse"], name="maanedstal_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_ydelse_display()} {self.maaned:02d}.{self.aar}"

    def to_core(self) -> CoreMaanedstal:
        return CoreMaanedstal(Ydelse(self.ydelse), self.aar, self.maaned, self.helaarspersoner)

    def fordeling(self) -> RefusionFordeling | None:
        shares = [self.andel_trin1, self.andel_trin2, self.andel_trin3, self.andel_trin4]
        known = [s for s in shares if s is not None]
        if len(known) < len(shares):
            return None
        return RefusionFordeling(
            Ydelse(self.ydelse), self.aar, self.maaned, dict(zip((1, 2, 3, 4), known, strict=True))
        )


def _decimals_to_json(values) -> list[str]:
    return [str(v) for v in values]


class Investeringscase(models.Model):
    """An investment business case (extra staff now, fewer on benefit later)."""

    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])
    navn = models.CharField("navn", max_length=200)
    ydelse = models.CharField("ydelse", max_length=40, choices=YDELSE_CHOICES)
    start_aar = models.PositiveSmallIntegerField("første år")
    aar = models.PositiveSmallIntegerField(
        "antal år", validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    ekstra_aarsvaerk = models.JSONField("ekstra årsværk pr. år", default=list)
    pris_pr_aarsvaerk = models.DecimalField(
        "udgift pr. årsværk (kr.)", max_digits=12, decimal_places=2, validators=_NOT_NEGATIVE
    )
    oevrige_udgifter = models.JSONField("øvrige udgifter pr. år (kr.)", default=list)
    effekt_fuldtidspersoner = models.JSONField("færre fuldtidspersoner pr. år", default=list)
    enhedspris_netto = models.DecimalField(
        "nettoenhedspris pr. fuldtidsperson (kr.)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    sagsstamme_foer = models.CharField("sagsstamme før", max_length=40, blank=True)
    sagsstamme_efter = models.CharField("sagsstamme efter", max_length=40, blank=True)
    fuldtidspersoner_uden = models.DecimalField(
        "fuldtidspersoner uden investeringen",
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=_NOT_NEGATIVE,
    )
    kilde = models.TextField("kilde", blank=True)
    antagelser = models.TextField("antagelser", blank=True, help_text="Én pr. linje.")
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    # The follow-up (expected against realised effect) starts when the committee approves the
    # case (docs/committee.md); the decision is kept as a reference.
    opfoelgning_fra = models.DateField("opfølgning fra", null=True, blank=True)
    godkendt_ved_type = models.ForeignKey(
        "contenttypes.ContentType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    godkendt_ved_id = models.PositiveIntegerField(null=True, blank=True)
    godkendt_ved = GenericForeignKey("godkendt_ved_type", "godkendt_ved_id")

    class Meta:
        verbose_name = "investeringscase"
        verbose_name_plural = "investeringscases"
        ordering = ["start_aar", "navn"]

    def __str__(self) -> str:
        return self.navn

    def to_core(self) -> CoreCase:
        return CoreCase(
            navn=self.navn,
            ydelse=Ydelse(self.ydelse),
            start_aar=self.start_aar,
            aar=self.aar,
            ekstra_aarsvaerk=tuple(Decimal(v) for v in self.ekstra_aarsvaerk),
            pris_pr_aarsvaerk=self.pris_pr_aarsvaerk,
            effekt_fuldtidspersoner=tuple(Decimal(v) for v in self.effekt_fuldtidspersoner),
            enhedspris_netto=self.enhedspris_netto,
            oevrige_udgifter=tuple(Decimal(v) for v in self.oevrige_udgifter) or (Decimal(0),),
            sagsstamme_foer=self.sagsstamme_foer,
            sagsstamme_efter=self.sagsstamme_efter,
            fuldtidspersoner_uden=self.fuldtidspersoner_uden,
            kilde=self.kilde,
            antagelser=tuple(line.strip() for line in self.antagelser.splitlines() if line.strip()),
        )

    @classmethod
    def from_core(cls, case: CoreCase, *, kommune_kode: int) -> "Investeringscase":
        return cls(
            kommune_kode=kommune_kode,
            navn=case.navn,
            ydelse=case.ydelse.value,
            start_aar=case.start_aar,
            aar=case.aar,
            ekstra_aarsvaerk=_decimals_to_json(case.ekstra_aarsvaerk),
            pris_pr_aarsvaerk=case.pris_pr_aarsvaerk,
            oevrige_udgifter=_decimals_to_json(case.oevrige_udgifter),
            effekt_fuldtidspersoner=_decimals_to_json(case.effekt_fuldtidspersoner),
            enhedspris_netto=case.enhedspris_netto,
            sagsstamme_foer=case.sagsstamme_foer,
            sagsstamme_efter=case.sagsstamme_efter,
            fuldtidspersoner_uden=case.fuldtidspersoner_uden,
            kilde=case.kilde,
            antagelser="\n".join(case.antagelser),
        )
