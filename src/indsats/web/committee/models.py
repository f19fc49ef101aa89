"""The committee's bodies, members, meetings, agenda items and decisions (docs/committee.md).

An item's sections, recommendation and attachments are stored as JSON in the shape of
`indsats.committee.model` (`Punkt.to_core()` turns a row into the core object the documents and
the publishing check take). An item may be about an object (an offer, an investment case, a plan
version): a decision that approves the item acts on that object (`services.beslutning_record`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from indsats.committee import model as core
from indsats.domain.kommuner import get_kommune
from indsats.economics.report import Tabel
from indsats.web.accounts.models import validate_kommunekode


class Organ(models.Model):
    """A body that meets and decides: Beskæftigelsesudvalget, Byrådet."""

    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])
    navn = models.CharField("navn", max_length=120)
    type = models.CharField(
        "type",
        max_length=20,
        choices=[(t.value, core.ORGAN_TYPE_LABELS[t]) for t in core.OrganType],
        default=core.OrganType.UDVALG.value,
    )
    offentlig_adgang = models.BooleanField(
        "offentlig adgang",
        default=False,
        help_text="Den offentlige udgave af dagsordener og referater kan læses uden login.",
    )

    class Meta:
        verbose_name = "udvalg"
        verbose_name_plural = "udvalg"
        ordering = ["navn"]
        constraints = [
            models.UniqueConstraint(fields=["kommune_kode", "navn"], name="organ_unik_navn")
        ]

    def __str__(self) -> str:
        return self.navn

    @property
    def kommune_navn(self) -> str:
        return get_kommune(self.kommune_kode).navn


class Medlem(models.Model):
    organ = models.ForeignKey(Organ, on_delete=models.CASCADE, related_name="medlemmer")
    navn = models.CharField("navn", max_length=120)
    rolle = models.CharField("rolle", max_length=40, blank=True, help_text="Fx formand.")
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bruger i indsats",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="udvalgsmedlemskaber",
    )

    class Meta:
        verbose_name = "medlem"
        verbose_name_plural = "medlemmer"
        ordering = ["organ", "navn"]

    def __str__(self) -> str:
        return f"{self.navn} ({self.rolle})" if self.rolle else self.navn


class Moede(models.Model):
    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="moeder")
    tidspunkt = models.DateTimeField("tidspunkt")
    sted = models.CharField("sted", max_length=200)
    status = models.CharField(
        "status",
        max_length=30,
        choices=[(s.value, core.MOEDE_STATUS_LABELS[s]) for s in core.MoedeStatus],
        default=core.MoedeStatus.PLANLAGT.value,
    )
    deltagere = models.JSONField("deltagere", default=list, blank=True)
    afbud = models.JSONField("afbud", default=list, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "møde"
        verbose_name_plural = "møder"
        ordering = ["-tidspunkt"]
        permissions = [("view_all_moeder", "Kan se alle udvalgs møder i kommunen")]

    def __str__(self) -> str:
        return f"{self.organ.navn} {self.tidspunkt:%d.%m.%Y}"

    @property
    def status_enum(self) -> core.MoedeStatus:
        return core.MoedeStatus(self.status)

    @property
    def afholdt(self) -> bool:
        return self.status_enum in (core.MoedeStatus.AFHOLDT, core.MoedeStatus.REFERAT_GODKENDT)

    def to_core(self, *, punkter: list[Punkt] | None = None) -> core.Moede:
        items = punkter if punkter is not None else list(self.punkter.all())
        return core.Moede(
            organ=self.organ.navn,
            kommune_navn=self.organ.kommune_navn,
            tidspunkt=self.tidspunkt,
            sted=self.sted,
            deltagere=tuple(self.deltagere),
            afbud=tuple(self.afbud),
            punkter=tuple(p.to_core() for p in items),
            status=self.status_enum,
        )


def _tabel_from_json(t: dict[str, Any]) -> Tabel:
    return Tabel(
        str(t["titel"]),
        tuple(str(k) for k in t["kolonner"]),
        tuple(tuple(str(c) for c in r) for r in t["raekker"]),
        tuple(str(n) for n in t.get("noter", [])),
    )


def tabel_to_json(t: Tabel) -> dict[str, Any]:
    return {
        "titel": t.titel,
        "kolonner": list(t.kolonner),
        "raekker": [list(r) for r in t.raekker],
        "noter": list(t.noter),
    }


def sektioner_to_json(sektioner: dict[str, core.Sektion]) -> dict[str, Any]:
    return {
        navn: {
            "tekst": list(s.tekst),
            "tabeller": [tabel_to_json(t) for t in s.tabeller],
            "kilder": list(s.kilder),
        }
        for navn, s in sektioner.items()
    }


class Punkt(models.Model):
    """An agenda item; without a meeting it is a draft the analyst is still writing."""

    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])
    moede = models.ForeignKey(
        Moede, null=True, blank=True, on_delete=models.SET_NULL, related_name="punkter"
    )
    nummer = models.PositiveSmallIntegerField("nummer", default=0)
    titel = models.CharField("titel", max_length=300)
    sagsnr = models.CharField("sagsnr.", max_length=40, blank=True)
    lukket = models.BooleanField(
        "lukket punkt",
        default=False,
        help_text="Punkter om navngivne personer behandles for lukkede døre og vises aldrig "
        "i den offentlige udgave.",
    )
    art = models.CharField(
        "art",
        max_length=40,
        choices=[(a.value, core.PUNKT_ART_LABELS[a]) for a in core.PunktArt],
        default=core.PunktArt.FRI.value,
    )
    sektioner = models.JSONField("afsnit", default=dict, blank=True)
    indstilling_indledning = models.CharField(
        "indstillingens indledning", max_length=300, default="Administrationen indstiller, at"
    )
    indstilling = models.JSONField("indstilling", default=list, blank=True)
    bilag = models.JSONField("bilag", default=list, blank=True)
    # The object the item is about; an approving decision acts on it.
    genstand_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    genstand_id = models.PositiveIntegerField(null=True, blank=True)
    genstand = GenericForeignKey("genstand_type", "genstand_id")
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "dagsordenspunkt"
        verbose_name_plural = "dagsordenspunkter"
        ordering = ["moede", "nummer", "pk"]
        permissions = [
            ("draft_punkt", "Kan udarbejde dagsordenspunkter"),
            ("record_beslutning", "Kan registrere udvalgets beslutninger"),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.titel}" if self.nummer else self.titel

    @property
    def art_label(self) -> str:
        return core.PUNKT_ART_LABELS[core.PunktArt(self.art)]

    def sektion(self, navn: str) -> core.Sektion:
        raw = (self.sektioner or {}).get(navn) or {}
        return core.Sektion(
            tuple(str(t) for t in raw.get("tekst", [])),
            tuple(_tabel_from_json(t) for t in raw.get("tabeller", [])),
            tuple(str(k) for k in raw.get("kilder", [])),
        )

    def to_core(self) -> core.Punkt:
        beslutning = getattr(self, "beslutning", None)
        return core.Punkt(
            titel=self.titel,
            sagsnr=self.sagsnr,
            nummer=self.nummer,
            lukket=self.lukket,
            art=core.PunktArt(self.art),
            sektioner={navn: self.sektion(navn) for navn in core.SEKTION_NAVNE},
            indstilling_indledning=self.indstilling_indledning,
            indstilling=tuple(str(i) for i in self.indstilling),
            bilag=tuple(
                core.Bilag(str(b.get("titel", "")), str(b.get("fil", ""))) for b in self.bilag
            ),
            beslutning=beslutning.to_core() if beslutning else None,
        )


class Beslutning(models.Model):
    """The decision on an item, as the minutes record it."""

    punkt = models.OneToOneField(Punkt, on_delete=models.CASCADE, related_name="beslutning")
    udfald = models.CharField(
        "beslutning",
        max_length=40,
        choices=[(u.value, core.UDFALD_LABELS[u]) for u in core.Udfald],
    )
    tekst = models.TextField("beslutningens tekst", blank=True)
    dato = models.DateField("dato")
    registreret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registreret = models.DateTimeField("registreret", auto_now_add=True)

    class Meta:
        verbose_name = "beslutning"
        verbose_name_plural = "beslutninger"

    def __str__(self) -> str:
        return f"{self.punkt}: {self.label}"

    @property
    def label(self) -> str:
        return core.UDFALD_LABELS[core.Udfald(self.udfald)]

    @property
    def godkender(self) -> bool:
        return core.Udfald(self.udfald) in core.GODKENDENDE

    def to_core(self) -> core.Beslutning:
        return core.Beslutning(core.Udfald(self.udfald), self.tekst, self.dato)
