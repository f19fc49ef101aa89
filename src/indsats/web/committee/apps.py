from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "indsats.web.committee"
    label = "committee"
    verbose_name = "Udvalg"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from indsats.web.committee import models as m

        for model in (m.Organ, m.Medlem, m.Moede, m.Punkt, m.Beslutning):
            auditlog.register(model)
