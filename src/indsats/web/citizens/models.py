import uuid

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from indsats.domain.cpr import Cpr
from indsats.domain.maalgrupper import SygedagpengeKategori, Visitation
from indsats.domain.tilbud import TILBUDSTYPER, TilbudType
from indsats.domain.ydelser import YDELSER, Ydelse
from indsats.web.accounts.models import Team, validate_kommunekode

YDELSE_CHOICES = [(y.value, YDELSER[y].navn) for y in Ydelse]
VISITATION_CHOICES = [
    (Visitation.JOBPARAT.value, "Jobparat"),
    (Visitation.AKTIVITETSPARAT.value, "Aktivitetsparat"),
    (Visitation.UDDANNELSESPARAT.value, "Uddannelsesparat"),
    (Visitation.AABENLYST_UDDANNELSESPARAT.value, "Åbenlyst uddannelsesparat"),
]
SYGEDAGPENGE_KATEGORI_CHOICES = [(k.value, f"Kategori {k.value}") for k in SygedagpengeKategori]
TILBUDSTYPE_CHOICES = [(t.value, TILBUDSTYPER[t].navn) for t in TilbudType]


class CitizenAudit:
    """Every change row of a citizen's records names the citizen (django-auditlog stores what
    `get_additional_data` returns with the row), so the audit trail answers "who touched citizen
    X?" also for their cases, samtaler, offers and plan, and for a row whose record is deleted.
    """

    def audit_borger(self) -> "Borger":
        # Abstract; not abc.abstractmethod: ABCMeta cannot be mixed with Django's ModelBase.
        # Every model that mixes this in overrides it (tests/web/test_audit_trail_citizen.py).
        raise NotImplementedError

    def get_additional_data(self) -> dict | None:
        try:
            borger = self.audit_borger()
        except ObjectDoesNotExist:  # a cascade deleted the owner first
            return None
        return {
            "borger": str(borger.pk),
            "borger_navn": str(borger),
            "kommune": borger.kommune_kode,
        }


class Versioned(models.Model):
    """Optimistic locking: every save through a service bumps `version`; a save based on an
    older version is refused (see services.check_version)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Borger(CitizenAudit, Versioned):
    """A citizen served by the jobcenter. The CPR is stored once, here, and nowhere else."""

    # A random id: the URL of a citizen reveals neither the CPR nor how many citizens there are.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Unique within the municipality (see Meta): each municipality keeps its own record of a
    # citizen, so creating one never tells a user what another municipality knows.
    cpr = models.CharField("CPR-nummer", max_length=10)
    fornavn = models.CharField("fornavn", max_length=100)
    efternavn = models.CharField("efternavn", max_length=100)
    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])
    team = models.ForeignKey(
        Team, verbose_name="team", on_delete=models.PROTECT, related_name="borgere"
    )
    sagsbehandler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="sagsbehandler",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="borgere",
    )
    telefon = models.CharField("telefon", max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    har_erhvervsuddannelse = models.BooleanField(
        "har erhvervskompetencegivende uddannelse", default=False
    )
    indrejst = models.DateField(
        "indrejst i Danmark",
        null=True,
        blank=True,
        help_text="Bruges til repatrieringsvejledning (opholdstid).",
    )
    # The citizen's pseudonymous id in the weekly benefit register (never the CPR), set when the
    # register is loaded; effect evaluations use it to find referred citizens in the register.
    register_id = models.BigIntegerField(
        "id i ydelsesregistret", null=True, blank=True, editable=False, db_index=True
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    opdateret = models.DateTimeField("opdateret", auto_now=True)

    class Meta:
        verbose_name = "borger"
        verbose_name_plural = "borgere"
        ordering = ["efternavn", "fornavn"]
        indexes = [
            models.Index(fields=["kommune_kode", "team"]),
            models.Index(fields=["sagsbehandler"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["kommune_kode", "cpr"], name="borger_cpr_per_kommune")
        ]

    def __str__(self) -> str:
        # Used in audit rows and admin: the name, never the CPR.
        return f"{self.fornavn} {self.efternavn}"

    def audit_borger(self) -> "Borger":
        return self

    @property
    def cpr_value(self) -> Cpr:
        return Cpr(self.cpr)

    @property
    def cpr_masked(self) -> str:
        return self.cpr_value.masked

    @property
    def navn(self) -> str:
        return f"{self.fornavn} {self.efternavn}"


class Sag(CitizenAudit, Versioned):
    """One benefit course: benefit, visitation and the dates the law counts from."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    borger = models.ForeignKey(Borger, on_delete=models.CASCADE, related_name="sager")
    ydelse = models.CharField("ydelse", max_length=40, choices=YDELSE_CHOICES)
    visitation = models.CharField(
        "visitation", max_length=40, choices=VISITATION_CHOICES, blank=True
    )
    visitation_dato = models.DateField("visiteret", null=True, blank=True)
    sygedagpenge_kategori = models.CharField(
        "sygedagpengekategori", max_length=1, choices=SYGEDAGPENGE_KATEGORI_CHOICES, blank=True
    )
    foerste_henvendelse = models.DateField(
        "første henvendelse / tilmelding",
        help_text="Fristerne regnes herfra (LAB § 9): første anmodning om hjælp eller tilmelding "
        "som ledig; for sygedagpenge første fraværsdag.",
    )
    slut = models.DateField("afsluttet", null=True, blank=True)
    cv_registreret = models.DateField("CV registreret på Jobnet", null=True, blank=True)
    integrationsprogram_start = models.DateField(
        "start på selvforsørgelses- og hjemrejseprogram / introduktionsprogram",
        null=True,
        blank=True,
    )
    sagsbehandler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="sagsbehandler",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sager",
    )
    team = models.ForeignKey(
        Team, verbose_name="team", on_delete=models.PROTECT, related_name="sager"
    )
    oprettet = models.DateTimeField(auto_now_add=True)
    # The stored deadlines (`Frist` rows, citizens/frister.py) are valid for the day and rules
    # named here; "" = to be computed. Derived data: not audited, not versioned.
    frister_noegle = models.CharField(max_length=64, blank=True, default="", editable=False)
    frister_fejl = models.TextField(blank=True, default="", editable=False)
    # How many of the stored deadlines are overdue: Teamoverblik sums it per caseworker.
    frister_overskredne = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = "sag"
        verbose_name_plural = "sager"
        permissions = [("view_team_overview", "Kan se teamoverblik (sagsstamme og overholdelse)")]
        ordering = ["-foerste_henvendelse"]
        indexes = [
            models.Index(fields=["sagsbehandler", "slut"]),
            models.Index(fields=["team", "slut"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slut__isnull=True)
                | models.Q(slut__gte=models.F("foerste_henvendelse")),
                name="sag_slut_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_ydelse_display()} fra {self.foerste_henvendelse:%d.%m.%Y}"

    def audit_borger(self) -> "Borger":
        return self.borger


class Fritagelse(CitizenAudit, models.Model):
    class Aarsag(models.TextChoices):
        SYGDOM = "sygdom", "Sygdom"
        BARSEL = "barsel", "Barsel"
        JOB_UDSIGT = "job_udsigt", "Ordinært job inden for 6 uger"
        UDDANNELSE = "uddannelse", "Påbegynder uddannelse"
        ANDET = "andet", "Anden lovlig grund"

    sag = models.ForeignKey(Sag, on_delete=models.CASCADE, related_name="fritagelser")
    aarsag = models.CharField("årsag", max_length=20, choices=Aarsag.choices)
    fra = models.DateField("fra")
    til = models.DateField("til", null=True, blank=True)
    note = models.TextField("note", blank=True)

    class Meta:
        verbose_name = "fritagelse"
        verbose_name_plural = "fritagelser"
        ordering = ["-fra"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(til__isnull=True) | models.Q(til__gte=models.F("fra")),
                name="fritagelse_til_after_fra",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_aarsag_display()} fra {self.fra:%d.%m.%Y}"

    def audit_borger(self) -> "Borger":
        return self.sag.borger


class Tidsrum(models.Model):
    """A free slot a caseworker publishes for booking."""

    class Form(models.TextChoices):
        FYSISK = "fysisk", "Fysisk fremmøde"
        TELEFON = "telefon", "Telefon"
        VIDEO = "video", "Video"

    sagsbehandler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tidsrum"
    )
    start = models.DateTimeField("start")
    slut = models.DateTimeField("slut")
    form = models.CharField("form", max_length=10, choices=Form.choices, default=Form.FYSISK)
    sted = models.CharField("sted", max_length=200, blank=True)

    class Meta:
        verbose_name = "ledig tid"
        verbose_name_plural = "ledige tider"
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slut__gt=models.F("start")), name="tidsrum_slut_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start:%d.%m.%Y %H:%M}"


class Samtale(CitizenAudit, Versioned):
    class Status(models.TextChoices):
        PLANLAGT = "planlagt", "Planlagt"
        AFHOLDT = "afholdt", "Afholdt"
        AFLYST = "aflyst", "Aflyst"
        UDEBLEVET = "udeblevet", "Udeblevet"

    class Type(models.TextChoices):
        JOBSAMTALE = "jobsamtale", "Jobsamtale"
        FAELLES = "faelles", "Fælles samtale med a-kassen"
        OPFOELGNING = "opfoelgning", "Opfølgningssamtale (sygedagpenge)"
        REPATRIERING = "repatriering", "Samtale om repatriering"

    class Holder(models.TextChoices):
        JOBCENTER = "jobcenter", "Jobcenter"
        AKASSE = "akasse", "A-kasse"

    class BooketAf(models.TextChoices):
        SAGSBEHANDLER = "sagsbehandler", "Sagsbehandler"
        BORGER = "borger", "Borgeren (selvbooking)"

    sag = models.ForeignKey(Sag, on_delete=models.CASCADE, related_name="samtaler")
    type = models.CharField("type", max_length=20, choices=Type.choices, default=Type.JOBSAMTALE)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.PLANLAGT
    )
    tidspunkt = models.DateTimeField("tidspunkt")
    form = models.CharField(
        "form", max_length=10, choices=Tidsrum.Form.choices, default=Tidsrum.Form.FYSISK
    )
    afholdt_af = models.CharField(
        "afholdt af", max_length=20, choices=Holder.choices, default=Holder.JOBCENTER
    )
    booket_af = models.CharField(
        "booket af", max_length=20, choices=BooketAf.choices, default=BooketAf.SAGSBEHANDLER
    )
    # A slot can hold one samtale: the database refuses a second booking of the same slot.
    tidsrum = models.OneToOneField(
        Tidsrum, null=True, blank=True, on_delete=models.SET_NULL, related_name="samtale"
    )
    uddannelsespaalaeg = models.BooleanField("uddannelsespålæg givet", default=False)
    repatriering = models.BooleanField("vejledt om repatriering", default=False)
    journalnotat = models.TextField("journalnotat", blank=True)
    naeste_skridt = models.CharField("næste skridt", max_length=300, blank=True)
    registreret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "samtale"
        verbose_name_plural = "samtaler"
        ordering = ["-tidspunkt"]
        indexes = [
            models.Index(fields=["sag", "status", "tidspunkt"]),
            # The calendar and the start page's "Dagens samtaler" read one day or week of every
            # caseworker's samtaler: without it, a sequential scan of the whole table.
            models.Index(fields=["tidspunkt"], name="citizens_samtale_tidspunkt"),
        ]
        constraints = [
            # A citizen's booking link holds one slot: rebooking moves it (services.booking_book).
            models.UniqueConstraint(
                fields=["sag"],
                condition=models.Q(status="planlagt", booket_af="borger"),
                name="samtale_one_self_booking_per_sag",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.tidspunkt:%d.%m.%Y}"

    def audit_borger(self) -> "Borger":
        return self.sag.borger


class TilbudsForloeb(CitizenAudit, Versioned):
    """A referral to an offer (from the catalogue, or a company placement) in a case."""

    class Resultat(models.TextChoices):
        IGANG = "igang", "I gang"
        GENNEMFOERT = "gennemfoert", "Gennemført"
        AFBRUDT = "afbrudt", "Afbrudt"
        JOB = "job", "Overgået til job"
        UDDANNELSE = "uddannelse", "Overgået til uddannelse"

    sag = models.ForeignKey(Sag, on_delete=models.CASCADE, related_name="tilbud")
    tilbudstype = models.CharField("tilbudstype", max_length=40, choices=TILBUDSTYPE_CHOICES)
    beskrivelse = models.CharField("tilbud / arbejdsplads", max_length=200, blank=True)
    # The project a referral belongs to, as the evaluation selects its participants by it: a
    # field of its own, so a free-text description that happens to contain the word is not one.
    projektmaerke = models.CharField(
        "projektmærke",
        max_length=100,
        blank=True,
        db_index=True,
        help_text="Fx PLUS. Henvisninger med samme mærke kan effektvurderes samlet.",
    )
    start = models.DateField("start")
    slut = models.DateField("slut")
    timer_pr_uge = models.DecimalField(
        "timer pr. uge",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    tilbudt_dato = models.DateField(
        "tilbudt",
        null=True,
        blank=True,
        help_text="Datoen tilbuddet blev givet (løntilskud kan starte op til 3 uger efter fristen).",
    )
    resultat = models.CharField(
        "resultat", max_length=20, choices=Resultat.choices, default=Resultat.IGANG
    )
    taeller_ret_og_pligt = models.BooleanField(
        "tæller som ret og pligt",
        default=False,
        editable=False,
        help_text="Afgøres af reglerne på startdatoen (LAB § 102).",
    )

    class Meta:
        verbose_name = "tilbudsforløb"
        verbose_name_plural = "tilbudsforløb"
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slut__gte=models.F("start")), name="tilbud_slut_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_tilbudstype_display()} {self.start:%d.%m.%Y}-{self.slut:%d.%m.%Y}"

    def audit_borger(self) -> "Borger":
        return self.sag.borger

    @property
    def status_vist(self) -> str:
        """The status shown: an offer that has not started yet is "Planlagt", not "I gang"."""
        if self.resultat == self.Resultat.IGANG and self.start > timezone.localdate():
            return "Planlagt"
        return self.get_resultat_display()


class Plan(CitizenAudit, Versioned):
    """Min Plan: the citizen's goal, sub-goals and job targets."""

    borger = models.OneToOneField(Borger, on_delete=models.CASCADE, related_name="plan")
    maal = models.TextField("mål", blank=True)
    opdateret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "plan"
        verbose_name_plural = "planer"

    def __str__(self) -> str:
        return "Min Plan"

    def audit_borger(self) -> "Borger":
        return self.borger


class Delmaal(CitizenAudit, models.Model):
    class Status(models.TextChoices):
        AABEN = "aaben", "Åben"
        NAAET = "naaet", "Nået"
        OPGIVET = "opgivet", "Opgivet"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="delmaal")
    tekst = models.CharField("delmål", max_length=300)
    frist = models.DateField("frist", null=True, blank=True)
    opfoelgning = models.DateField("opfølgning", null=True, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.AABEN)

    class Meta:
        verbose_name = "delmål"
        verbose_name_plural = "delmål"
        ordering = ["frist", "id"]

    def __str__(self) -> str:
        return self.tekst

    def audit_borger(self) -> "Borger":
        return self.plan.borger


class Jobmaal(CitizenAudit, models.Model):
    """ABC job targets for jobparate: A = own trade, B = related, C = anything available."""

    class Kategori(models.TextChoices):
        A = "A", "A: eget fag"
        B = "B", "B: beslægtet fag"
        C = "C", "C: ufaglært / bredt"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="jobmaal")
    kategori = models.CharField("kategori", max_length=1, choices=Kategori.choices)
    stilling = models.CharField("stilling", max_length=150)
    branche = models.CharField(
        "branche (DB07)", max_length=10, blank=True, help_text="DB07-branchekode, fx 47 eller 4711."
    )

    class Meta:
        verbose_name = "jobmål"
        verbose_name_plural = "jobmål"
        ordering = ["kategori", "stilling"]

    def __str__(self) -> str:
        return f"{self.kategori}: {self.stilling}"

    def audit_borger(self) -> "Borger":
        return self.plan.borger


class Progressionsmaaling(CitizenAudit, models.Model):
    """The five BIP factors (Beskæftigelsesindikatorprojektet), each scored 1-10."""

    FAKTORER = [
        ("tro_paa_egne_evner", "Tro på egne evner"),
        ("helbredsmestring", "Helbredsmestring"),
        ("arbejdsmarkedsidentitet", "Arbejdsmarkedsidentitet"),
        ("samarbejde", "Samarbejde"),
        ("netvaerk", "Netværk"),
    ]
    _score = [MinValueValidator(1), MaxValueValidator(10)]

    borger = models.ForeignKey(Borger, on_delete=models.CASCADE, related_name="progression")
    dato = models.DateField("dato")
    tro_paa_egne_evner = models.PositiveSmallIntegerField("tro på egne evner", validators=_score)
    helbredsmestring = models.PositiveSmallIntegerField("helbredsmestring", validators=_score)
    arbejdsmarkedsidentitet = models.PositiveSmallIntegerField(
        "arbejdsmarkedsidentitet", validators=_score
    )
    samarbejde = models.PositiveSmallIntegerField("samarbejde", validators=_score)
    netvaerk = models.PositiveSmallIntegerField("netværk", validators=_score)

    class Meta:
        verbose_name = "progressionsmåling"
        verbose_name_plural = "progressionsmålinger"
        ordering = ["dato"]

    def __str__(self) -> str:
        return f"Progression {self.dato:%d.%m.%Y}"

    def audit_borger(self) -> "Borger":
        return self.borger


class Frist(models.Model):
    """One open personal duty of a case, as the rules computed it for the day in
    `Sag.frister_noegle`: what the worklist lists, stored so that it is one indexed query
    (citizens/frister.py computes, stores and invalidates them)."""

    sag = models.ForeignKey(Sag, on_delete=models.CASCADE, related_name="frister")
    due_by = models.DateField("frist", null=True)
    state = models.CharField("tilstand", max_length=20)
    obligation = models.JSONField("pligt")  # indsats.rules.Obligation, every field

    class Meta:
        verbose_name = "frist"
        verbose_name_plural = "frister"
        indexes = [models.Index(fields=["sag", "due_by"])]

    def __str__(self) -> str:
        return f"{self.obligation.get('text_da', '')} ({self.due_by})"


class Overholdelse(models.Model):
    """A case's part in Teamoverblik's compliance figures, as the rules computed it for the day
    in `Sag.frister_noegle` (stored with the deadlines, citizens/frister.py), so that the figures
    for a whole municipality are one grouped count.

    `pligt`: a duty in every case: the case has required duties of this figure due in its first
    6 months; `dato` is the end of those 6 months and `opfyldt` says that all were kept in time.
    Otherwise the municipal target (`maal_pr_sag`): the case's target period has ended, `dato`
    is its last target deadline and `opfyldt` says that every target row was met."""

    sag = models.ForeignKey(Sag, on_delete=models.CASCADE, related_name="overholdelser")
    maal = models.CharField("mål", max_length=20)  # samtale | samtale_akasse | tilbud
    pligt = models.BooleanField("pligt i hver sag")
    dato = models.DateField("dato")
    opfyldt = models.BooleanField("opfyldt")

    class Meta:
        verbose_name = "overholdelse"
        verbose_name_plural = "overholdelser"
        indexes = [models.Index(fields=["dato"])]

    def __str__(self) -> str:
        return f"{self.maal} {self.dato} {'opfyldt' if self.opfyldt else 'ikke opfyldt'}"


class KalenderAbonnement(models.Model):
    """A caseworker's secret link to their calendar of samtaler as an iCalendar feed, for a
    calendar program that cannot log in. Only a digest of the secret is stored; the caseworker
    sees the link once, and revokes it by deleting the row (or making a new one)."""

    bruger = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kalender_abonnement"
    )
    noegle_hash = models.CharField(max_length=64, unique=True, editable=False)
    oprettet = models.DateTimeField(auto_now_add=True)
    sidst_hentet = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "kalenderabonnement"
        verbose_name_plural = "kalenderabonnementer"

    def __str__(self) -> str:
        return f"Kalenderabonnement for {self.bruger}"
