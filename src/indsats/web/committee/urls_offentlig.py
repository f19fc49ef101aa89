"""The public version of agendas and minutes under /offentlig/ (no login; only for a body whose
municipality has turned public access on)."""

from django.urls import path

from indsats.web.committee import views

urlpatterns = [
    path("<int:kommune_kode>/udvalg/", views.offentlig_list, name="list"),
    path(
        "<int:kommune_kode>/udvalg/<int:moede_id>/<str:art>.<str:fmt>",
        views.offentlig_dokument,
        name="dokument",
    ),
]
