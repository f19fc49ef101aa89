from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from indsats.domain.kommuner import UnknownKommune, get_kommune


def validate_kommunekode(value: int) -> None:
    try:
        get_kommune(value)
    except UnknownKommune:
        raise ValidationError("Ukendt kommunekode: %(value)s", params={"value": value}) from None


class Team(models.Model):
    navn = models.CharField("navn", max_length=100)
    kommune_kode = models.PositiveSmallIntegerField("kommune", validators=[validate_kommunekode])

    class Meta:
        verbose_name = "team"
        verbose_name_plural = "teams"
        ordering = ["kommune_kode", "navn"]
        constraints = [
            models.UniqueConstraint(fields=["kommune_kode", "navn"], name="team_unique_per_kommune")
        ]

    def __str__(self) -> str:
        return self.navn


class User(AbstractUser):
    """A member of staff. What they may see is scoped by kommune and team in the selectors."""

    kommune_kode = models.PositiveSmallIntegerField(
        "kommune", validators=[validate_kommunekode], null=True, blank=True
    )
    team = models.ForeignKey(
        Team,
        verbose_name="team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="medlemmer",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = "bruger"
        verbose_name_plural = "brugere"
        permissions = [
            ("view_aggregates", "Kan se aggregerede resultater"),
            ("view_all_teams", "Kan se alle teams i kommunen"),
            ("view_audit_trail", "Kan se revisionsspor"),
        ]

    def clean(self) -> None:
        super().clean()
        team = self.team if self.team_id else None
        if team is not None and self.kommune_kode and team.kommune_kode != self.kommune_kode:
            raise ValidationError({"team": "Teamet hører til en anden kommune."})

    @property
    def kommune_navn(self) -> str:
        return get_kommune(self.kommune_kode).navn if self.kommune_kode else ""

    @property
    def roller(self) -> list[str]:
        return sorted(self.groups.values_list("name", flat=True))


class Kommuneindstillinger(models.Model):
    """A municipality's own settings: how its jobcenter is named and reached on the pages and
    e-mails a citizen reads. One row per municipality; an admin edits it (Django admin)."""

    kommune_kode = models.PositiveSmallIntegerField(
        "kommune", unique=True, validators=[validate_kommunekode]
    )
    jobcenter_navn = models.CharField(
        "jobcentrets navn", max_length=120, help_text="Fx Jobcenter Varde."
    )
    telefon = models.CharField(
        "telefon", max_length=20, blank=True, help_text="Det nummer, borgerne ringer til."
    )
    adresse = models.CharField("adresse", max_length=200, blank=True)
    email = models.EmailField(
        "e-mail til borgerne",
        blank=True,
        help_text="Afsender på e-mails til borgerne; tom: serverens standardafsender.",
    )

    class Meta:
        verbose_name = "kommuneindstillinger"
        verbose_name_plural = "kommuneindstillinger"

    def __str__(self) -> str:
        return self.jobcenter_navn
