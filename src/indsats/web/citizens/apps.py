from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "indsats.web.citizens"
    label = "citizens"
    verbose_name = "Borgere"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from indsats.web.citizens import models as m

        # Changes are logged (CPR masked); reads are logged by the selectors.
        auditlog.register(
            m.Borger,
            mask_fields=["cpr"],
            mask_callable="indsats.web.citizens.fields.cpr_audit_mask",
        )
        for model in (
            m.Sag,
            m.Fritagelse,
            m.Samtale,
            m.TilbudsForloeb,
            m.Plan,
            m.Delmaal,
            m.Jobmaal,
            m.Progressionsmaaling,
        ):
            auditlog.register(model)
