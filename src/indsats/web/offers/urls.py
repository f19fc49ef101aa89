"""Tilbudskatalog under /tilbud/ (namespace "offers")."""

from django.urls import path

from indsats.web.offers import views

app_name = "offers"
urlpatterns = [
    path("", views.tilbud_list, name="list"),
    path("ny/", views.tilbud_create, name="create"),
    path("leverandoerer/ny/", views.leverandoer_create, name="leverandoer_create"),
    path("<int:tilbud_id>/", views.tilbud_detail, name="detail"),
]
