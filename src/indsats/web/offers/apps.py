from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "indsats.web.offers"
    label = "offers"
    verbose_name = "Tilbud og økonomi"
