from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "indsats.web.citizens"
    label = "citizens"
    verbose_name = "Borgere"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from indsats.web.citizens import models as m
        from indsats.web.citizens.frister import connect_signals

        connect_signals()  # a change of a case's facts clears its stored deadlines

        # Changes are logged (CPR masked); reads are logged by the selectors.
        auditlog.register(
            m.Borger,
            mask_fields=["cpr"],
            mask_callable="indsats.web.citizens.fields.cpr_audit_mask",
        )
        # The stored deadlines' key and error are derived data, not a caseworker's change.
        auditlog.register(
            m.Sag, exclude_fields=["frister_noegle", "frister_fejl", "frister_overskredne"]
        )
        for model in (
            m.Fritagelse,
            m.Samtale,
            m.TilbudsForloeb,
            m.Plan,
            m.Delmaal,
            m.Jobmaal,
            m.Progressionsmaaling,
            m.Tidsrum,
        ):
            auditlog.register(model)
        # Making and revoking a calendar link is on the trail; the secret's digest is not.
        auditlog.register(m.KalenderAbonnement, exclude_fields=["noegle_hash", "sidst_hentet"])
