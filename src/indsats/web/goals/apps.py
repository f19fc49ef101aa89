from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "indsats.web.goals"
    label = "goals"
    verbose_name = "Mål og resultater"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from indsats.web.goals.models import Maal

        auditlog.register(Maal)
