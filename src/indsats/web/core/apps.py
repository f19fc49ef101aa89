from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "indsats.web.core"
    label = "core"
    verbose_name = "Fælles"
