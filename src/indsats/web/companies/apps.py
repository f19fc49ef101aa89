from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "indsats.web.companies"
    label = "companies"
    verbose_name = "Virksomhedsservice"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from indsats.web.companies import models as m

        # Changes are logged; reads of citizens (candidates, placements) by the selectors.
        for model in (
            m.Virksomhed,
            m.Aftale,
            m.Kontakt,
            m.HotlineHenvendelse,
            m.Jobordre,
            m.Kandidatforslag,
            m.Kandidatafvisning,
            m.Placering,
            m.Kandidatprofil,
        ):
            auditlog.register(model)
