import uuid

from django.conf import settings
from django.db import models

from indsats.domain.cpr import Cpr
from indsats.web.accounts.models import Team, validate_kommunekode


class Borger(models.Model):
    """A citizen served by the jobcenter. The CPR is stored once, here, and nowhere else."""

    # A random id: the URL of a citizen reveals neither the CPR nor how many citizens there are.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cpr = models.CharField("CPR-nummer", max_length=10, unique=True)
    fornavn = models.CharField("fornavn", max_length=100)
    efternavn = models.CharField("efternavn", max_length=100)
    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])
    team = models.ForeignKey(Team, verbose_name="team", on_delete=models.PROTECT,
                             related_name="borgere")
    sagsbehandler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="sagsbehandler", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="borgere",
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    opdateret = models.DateTimeField("opdateret", auto_now=True)

    class Meta:
        verbose_name = "borger"
        verbose_name_plural = "borgere"
        ordering = ["efternavn", "fornavn"]
        indexes = [models.Index(fields=["kommune_kode", "team"])]

    def __str__(self) -> str:
        # Used in audit rows and admin: the name, never the CPR.
        return f"{self.fornavn} {self.efternavn}"

    @property
    def cpr_value(self) -> Cpr:
        return Cpr(self.cpr)

    @property
    def cpr_masked(self) -> str:
        return self.cpr_value.masked

    @property
    def navn(self) -> str:
        return f"{self.fornavn} {self.efternavn}"
