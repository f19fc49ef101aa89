from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "indsats.web.evaluation"
    label = "evaluation"
    verbose_name = "Effektvurderinger"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from indsats.web.evaluation.models import Evaluering

        auditlog.register(Evaluering, exclude_fields=["resultat"])
