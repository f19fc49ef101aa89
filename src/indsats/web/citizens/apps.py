from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "indsats.web.citizens"
    label = "citizens"
    verbose_name = "Borgere"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from indsats.web.citizens.models import Borger

        # Changes are logged with the CPR masked; reads are logged by the selectors.
        auditlog.register(Borger, mask_fields=["cpr"])
