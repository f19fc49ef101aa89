"""Company service: companies, contacts, hotline, vacancies, proposals, placements.

Company data is not citizen data; `Kandidatforslag`, `Placering` and `Kandidatprofil` point at
citizens and are read only through audited selectors.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from indsats.companyservice.db07 import InvalidDb07, branche_navn, db07_parse, gruppe10_for
from indsats.companyservice.identifiers import InvalidCvr, InvalidPnummer, cvr_parse, pnummer_parse
from indsats.companyservice.matching import parse_koder, parse_kompetencer
from indsats.web.accounts.models import validate_kommunekode
from indsats.web.citizens.models import Borger, TilbudsForloeb

_postnummer = RegexValidator(r"^\d{4}$", "Et postnummer består af 4 cifre.")


def validate_cvr(value: str) -> None:
    try:
        cvr_parse(value)
    except InvalidCvr as exc:
        raise ValidationError(str(exc), code="invalid_cvr") from None


def validate_pnummer(value: str) -> None:
    try:
        pnummer_parse(value)
    except InvalidPnummer as exc:
        raise ValidationError(str(exc), code="invalid_pnummer") from None


def validate_db07(value: str) -> None:
    try:
        db07_parse(value)
    except InvalidDb07 as exc:
        raise ValidationError(str(exc), code="invalid_db07") from None


class Virksomhed(models.Model):
    class Stoerrelse(models.TextChoices):
        MIKRO = "1-9", "1-9 ansatte"
        LILLE = "10-49", "10-49 ansatte"
        MELLEM = "50-249", "50-249 ansatte"
        STOR = "250+", "250 eller flere ansatte"

    class Sektor(models.TextChoices):
        PRIVAT = "privat", "Privat"
        OFFENTLIG = "offentlig", "Offentlig"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kommune_kode = models.PositiveSmallIntegerField(
        "jobcenterets kommune", validators=[validate_kommunekode]
    )
    cvr = models.CharField("CVR-nummer", max_length=8, validators=[validate_cvr])
    pnummer = models.CharField("P-nummer", max_length=10, blank=True, validators=[validate_pnummer])
    navn = models.CharField("navn", max_length=200)
    db07 = models.CharField(
        "branche (DB07)",
        max_length=6,
        validators=[validate_db07],
        help_text="DB07-branchekode, fx 52 eller 5210.",
    )
    sektor = models.CharField(
        "sektor", max_length=10, choices=Sektor.choices, default=Sektor.PRIVAT
    )
    stoerrelse = models.CharField(
        "størrelse", max_length=10, choices=Stoerrelse.choices, blank=True
    )
    adresse = models.CharField("adresse", max_length=200, blank=True)
    postnummer = models.CharField("postnummer", max_length=4, validators=[_postnummer])
    by = models.CharField("by", max_length=100, blank=True)
    telefon = models.CharField("telefon", max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    konsulent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="virksomhedskonsulent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="virksomheder",
    )
    tags = models.CharField(
        "segmenter",
        max_length=300,
        blank=True,
        help_text="Kommaseparerede, fx 'socialt ansvar, mangelområde'.",
    )
    oprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "virksomhed"
        verbose_name_plural = "virksomheder"
        ordering = ["navn"]
        indexes = [models.Index(fields=["kommune_kode", "konsulent"])]
        constraints = [
            # One record per production unit (P-number) or company (CVR) in a jobcenter.
            models.UniqueConstraint(
                fields=["kommune_kode", "cvr", "pnummer"],
                name="virksomhed_unique_cvr_p_per_kommune",
            ),
        ]
        permissions = [
            ("view_all_portfolios", "Kan se alle virksomhedskonsulenters porteføljer"),
            ("handover_virksomhed", "Kan overdrage virksomheder til en anden konsulent"),
            ("match_candidates", "Kan se kandidater (borgere) til jobordrer"),
            ("view_jobbarometer", "Kan se jobbarometeret"),
            ("view_service_measures", "Kan se nøgletal for virksomhedsservice"),
        ]

    def __str__(self) -> str:
        return self.navn

    @property
    def branche_navn(self) -> str:
        return branche_navn(self.db07)

    @property
    def branchegruppe(self) -> str:
        g = gruppe10_for(self.db07)
        return g.navn if g else ""

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class Aftale(models.Model):
    class Type(models.TextChoices):
        SOCIALT_ANSVAR = "socialt_ansvar", "Socialt ansvar (fx Code of Care)"
        VIRKSOMHEDSCENTER = "virksomhedscenter", "Virksomhedscenter med faste pladser"
        PARTNERSKAB = "partnerskab", "Partnerskab"

    virksomhed = models.ForeignKey(Virksomhed, on_delete=models.CASCADE, related_name="aftaler")
    type = models.CharField("aftaletype", max_length=30, choices=Type.choices)
    pladser = models.PositiveSmallIntegerField(
        "aftalte pladser",
        null=True,
        blank=True,
        help_text="Faste praktik-/løntilskudspladser; tom hvis aftalen ikke har pladser.",
    )
    fra = models.DateField("fra")
    til = models.DateField("til", null=True, blank=True)
    note = models.CharField("note", max_length=300, blank=True)

    class Meta:
        verbose_name = "aftale"
        verbose_name_plural = "aftaler"
        ordering = ["-fra"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(til__isnull=True) | models.Q(til__gte=models.F("fra")),
                name="aftale_til_after_fra",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.virksomhed})"

    def aktiv(self, dag) -> bool:
        return self.fra <= dag and (self.til is None or self.til >= dag)


class Kontakt(models.Model):
    class Kanal(models.TextChoices):
        TELEFON = "telefon", "Telefon"
        EMAIL = "email", "E-mail"
        BESOEG = "besoeg", "Besøg"
        MOEDE = "moede", "Møde"

    class Formaal(models.TextChoices):
        REKRUTTERING = "rekruttering", "Rekruttering"
        PLACERING = "placering", "Praktik, løntilskud eller anden placering"
        FASTHOLDELSE = "fastholdelse", "Fastholdelse af sygemeldt medarbejder"
        KAMPAGNE = "kampagne", "Kampagne (årligt besøg)"
        OPFOELGNING = "opfoelgning", "Opfølgning"
        ANDET = "andet", "Andet"

    virksomhed = models.ForeignKey(Virksomhed, on_delete=models.CASCADE, related_name="kontakter")
    kanal = models.CharField("kontaktform", max_length=10, choices=Kanal.choices)
    formaal = models.CharField("formål", max_length=20, choices=Formaal.choices)
    dato = models.DateField("dato")
    afholdt = models.BooleanField(
        "afholdt", default=True, help_text="Fjern fluebenet for en planlagt kontakt."
    )
    resultat = models.TextField("resultat", blank=True)
    opfoelgning = models.DateField("næste opfølgning", null=True, blank=True)
    konsulent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    oprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kontakt"
        verbose_name_plural = "kontakter"
        ordering = ["-dato", "-oprettet"]
        indexes = [models.Index(fields=["virksomhed", "dato"]), models.Index(fields=["dato"])]

    def __str__(self) -> str:
        return f"{self.get_kanal_display()} {self.dato:%d.%m.%Y}"

    def clean(self) -> None:
        super().clean()
        if self.afholdt and self.dato and self.dato > timezone.localdate():
            raise ValidationError(
                {
                    "dato": "En afholdt kontakt kan ikke ligge i fremtiden. "
                    "Fjern fluebenet 'afholdt' for en planlagt kontakt."
                }
            )
        if self.opfoelgning and self.dato and self.opfoelgning < self.dato:
            raise ValidationError({"opfoelgning": "Opfølgningen kan ikke ligge før kontakten."})


class HotlineHenvendelse(models.Model):
    virksomhed = models.ForeignKey(Virksomhed, on_delete=models.CASCADE, related_name="hotline")
    modtaget = models.DateTimeField("modtaget")
    besvaret = models.DateTimeField("besvaret", null=True, blank=True)
    emne = models.CharField("henvendelsen drejer sig om", max_length=300)
    konsulent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "hotline-henvendelse"
        verbose_name_plural = "hotline-henvendelser"
        ordering = ["-modtaget"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(besvaret__isnull=True)
                | models.Q(besvaret__gte=models.F("modtaget")),
                name="hotline_besvaret_after_modtaget",
            ),
        ]

    def __str__(self) -> str:
        return f"Hotline {self.modtaget:%d.%m.%Y %H:%M}"

    @property
    def svartid_timer(self) -> float | None:
        if self.besvaret is None:
            return None
        return (self.besvaret - self.modtaget).total_seconds() / 3600

    def clean(self) -> None:
        super().clean()
        now = timezone.now()
        if self.modtaget and self.modtaget > now:
            raise ValidationError({"modtaget": "Henvendelsen kan ikke være modtaget i fremtiden."})
        if self.besvaret and self.modtaget and self.besvaret < self.modtaget:
            raise ValidationError({"besvaret": "Svaret kan ikke ligge før henvendelsen."})


class Ansaettelsesform(models.TextChoices):
    ORDINAER = "ordinaer", "Ordinært job"
    PRAKTIK = "praktik", "Virksomhedspraktik"
    LOENTILSKUD_PRIVAT = "loentilskud_privat", "Løntilskud, privat"
    LOENTILSKUD_OFFENTLIG = "loentilskud_offentlig", "Løntilskud, offentlig"
    FLEKSJOB = "fleksjob", "Fleksjob"
    IGU = "igu", "IGU"
    SMAAJOB = "smaajob", "Småjob (få timer)"


class Jobordre(models.Model):
    class Status(models.TextChoices):
        MODTAGET = "modtaget", "Modtaget"
        UNDER_BEHANDLING = "under_behandling", "Under behandling"
        KANDIDATER_FORESLAAET = "kandidater_foreslaaet", "Kandidater foreslået"
        BESAT = "besat", "Besat"
        LUKKET = "lukket", "Lukket uden besættelse"

    AABNE = (Status.MODTAGET, Status.UNDER_BEHANDLING, Status.KANDIDATER_FORESLAAET)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    virksomhed = models.ForeignKey(
        Virksomhed, verbose_name="virksomhed", on_delete=models.PROTECT, related_name="jobordrer"
    )
    titel = models.CharField("stilling", max_length=150)
    db07 = models.CharField(
        "branche (DB07)",
        max_length=6,
        blank=True,
        validators=[validate_db07],
        help_text="Tom: virksomhedens branche.",
    )
    ansaettelsesform = models.CharField(
        "ansættelsesform",
        max_length=30,
        choices=Ansaettelsesform.choices,
        default=Ansaettelsesform.ORDINAER,
    )
    antal = models.PositiveSmallIntegerField(
        "antal stillinger", default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    krav = models.CharField(
        "krav (kompetencer)",
        max_length=300,
        blank=True,
        help_text="Kommaseparerede, fx 'truckcertifikat, kørekort B'.",
    )
    timer_pr_uge = models.DecimalField(
        "timer pr. uge",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    modtaget = models.DateField("modtaget")
    start = models.DateField("ønsket start", null=True, blank=True)
    status = models.CharField(
        "status", max_length=30, choices=Status.choices, default=Status.MODTAGET
    )
    lukket = models.DateField("besat/lukket", null=True, blank=True)
    hotline = models.ForeignKey(
        HotlineHenvendelse,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobordrer",
    )
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "jobordre"
        verbose_name_plural = "jobordrer"
        ordering = ["-modtaget"]
        indexes = [models.Index(fields=["status", "modtaget"])]

    def __str__(self) -> str:
        return f"{self.titel} ({self.virksomhed})"

    @property
    def branchekode(self) -> str:
        return self.db07 or self.virksomhed.db07

    @property
    def krav_set(self) -> frozenset[str]:
        return parse_kompetencer(self.krav)

    @property
    def er_aaben(self) -> bool:
        return self.status in self.AABNE


class Kandidatforslag(models.Model):
    class Status(models.TextChoices):
        FORESLAAET = "foreslaaet", "Foreslået"
        SAMTALE = "samtale", "Til samtale"
        ANSAT = "ansat", "Ansat"
        AFVIST = "afvist", "Ikke ansat"

    jobordre = models.ForeignKey(Jobordre, on_delete=models.CASCADE, related_name="forslag")
    borger = models.ForeignKey(Borger, on_delete=models.CASCADE, related_name="kandidatforslag")
    foreslaaet = models.DateField("foreslået")
    score = models.PositiveSmallIntegerField("matchscore", default=0)
    begrundelse = models.CharField("begrundelse", max_length=500, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.FORESLAAET
    )
    ansat = models.BooleanField("ansat", default=False)
    foreslaaet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "kandidatforslag"
        verbose_name_plural = "kandidatforslag"
        ordering = ["-score", "foreslaaet"]
        constraints = [
            models.UniqueConstraint(
                fields=["jobordre", "borger"], name="kandidatforslag_once_per_jobordre"
            ),
        ]

    def __str__(self) -> str:
        # Audit rows and admin show the citizen's name, never the CPR.
        return f"{self.borger} → {self.jobordre.titel}"


class Kandidatafvisning(models.Model):
    """A consultant's decision that a citizen is not a candidate for a vacancy, with the reason:
    the ranking leaves the citizen out for that vacancy from then on."""

    class Aarsag(models.TextChoices):
        MANGLER_KRAV = "mangler_krav", "Opfylder ikke et krav (fx certifikat eller kørekort)"
        AFSTAND = "afstand", "For lang transport"
        IKKE_AKTUEL = "ikke_aktuel", "Ikke aktuel nu (helbred, andet forløb)"
        OENSKER_IKKE = "oensker_ikke", "Ønsker ikke stillingen"
        VIRKSOMHEDEN = "virksomheden", "Virksomheden har fravalgt kandidaten"
        ANDET = "andet", "Andet"

    jobordre = models.ForeignKey(Jobordre, on_delete=models.CASCADE, related_name="afvisninger")
    borger = models.ForeignKey(Borger, on_delete=models.CASCADE, related_name="kandidatafvisninger")
    aarsag = models.CharField("årsag", max_length=20, choices=Aarsag.choices)
    bemaerkning = models.CharField("bemærkning", max_length=300, blank=True)
    afvist = models.DateField("fravalgt")
    afvist_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "fravalgt kandidat"
        verbose_name_plural = "fravalgte kandidater"
        ordering = ["-afvist", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["jobordre", "borger"], name="kandidatafvisning_once_per_jobordre"
            ),
        ]

    def __str__(self) -> str:
        # Audit rows and admin show the citizen's name, never the CPR.
        return f"{self.borger} fravalgt til {self.jobordre.titel}"


class Placering(models.Model):
    class Type(models.TextChoices):
        PRAKTIK = "praktik", "Virksomhedspraktik"
        LOENTILSKUD_PRIVAT = "loentilskud_privat", "Løntilskud, privat"
        LOENTILSKUD_OFFENTLIG = "loentilskud_offentlig", "Løntilskud, offentlig"
        FLEKSJOB = "fleksjob", "Fleksjob"
        IGU = "igu", "IGU"
        SMAAJOB = "smaajob", "Småjob"

    virksomhed = models.ForeignKey(Virksomhed, on_delete=models.PROTECT, related_name="placeringer")
    borger = models.ForeignKey(Borger, on_delete=models.CASCADE, related_name="placeringer")
    type = models.CharField("type", max_length=30, choices=Type.choices)
    timer_pr_uge = models.DecimalField(
        "timer pr. uge",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    start = models.DateField("start")
    slut = models.DateField("slut", null=True, blank=True)
    aftale = models.ForeignKey(
        Aftale,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placeringer",
        help_text="Aftalen, hvis placeringen bruger en fast plads.",
    )
    tilbudsforloeb = models.OneToOneField(
        TilbudsForloeb,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placering",
        help_text="Borgerens tilbud i sagen (jobrådgiverens del).",
    )
    kandidatforslag = models.OneToOneField(
        Kandidatforslag, null=True, blank=True, on_delete=models.SET_NULL, related_name="placering"
    )
    blev_job = models.BooleanField("overgik til ordinært job", default=False)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "placering"
        verbose_name_plural = "placeringer"
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slut__isnull=True) | models.Q(slut__gte=models.F("start")),
                name="placering_slut_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.start:%d.%m.%Y}"

    def aktiv(self, dag) -> bool:
        return self.start <= dag and (self.slut is None or self.slut >= dag)


class Kandidatprofil(models.Model):
    """What matching needs about a citizen that the citizen record does not hold (yet):
    postal code, earlier trades, competences, availability. Kept by caseworkers and consultants.
    """

    borger = models.OneToOneField(Borger, on_delete=models.CASCADE, related_name="kandidatprofil")
    postnummer = models.CharField("postnummer", max_length=4, blank=True, validators=[_postnummer])
    erfaring = models.CharField(
        "erfaring (DB07-koder)",
        max_length=200,
        blank=True,
        help_text="Kommaseparerede branchekoder, fx '52, 4711'.",
    )
    kompetencer = models.CharField(
        "kompetencer",
        max_length=300,
        blank=True,
        help_text="Kommaseparerede, fx 'truckcertifikat, kørekort B'.",
    )
    tilgaengelig_fra = models.DateField("kan starte fra", null=True, blank=True)

    class Meta:
        verbose_name = "kandidatprofil"
        verbose_name_plural = "kandidatprofiler"

    def __str__(self) -> str:
        return f"Kandidatprofil for {self.borger}"

    @property
    def erfaring_list(self) -> tuple[str, ...]:
        return parse_koder(self.erfaring)

    @property
    def kompetence_set(self) -> frozenset[str]:
        return parse_kompetencer(self.kompetencer)
