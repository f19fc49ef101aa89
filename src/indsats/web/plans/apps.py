from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "indsats.web.plans"
    label = "plans"
    verbose_name = "Beskæftigelsesplan"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from indsats.web.plans import models as m

        for model in (
            m.Plan,
            m.PlanVersion,
            m.Fokusomraade,
            m.PlanMaal,
            m.Indsats,
            m.Investering,
            m.Budgetlinje,
            m.Evaluering,
            m.Aarshjulstrin,
        ):
            auditlog.register(
                model, exclude_fields=["snapshot"] if model is m.PlanVersion else None
            )
