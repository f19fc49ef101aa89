"""Effektvurderinger under /effekt/ (namespace "evaluation")."""

from django.urls import path

from indsats.web.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.evaluering_list, name="list"),
    path("ny/", views.evaluering_create, name="create"),
    path("styrke/", views.styrke, name="styrke"),
    path("<int:evaluering_id>/", views.evaluering_detail, name="detail"),
    path("<int:evaluering_id>/beregn/", views.evaluering_run, name="run"),
    path(
        "<int:evaluering_id>/effektvurdering.<str:fmt>",
        views.evaluering_document,
        name="document",
    ),
]
