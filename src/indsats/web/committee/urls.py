"""The committee under /udvalg/ (namespace "committee")."""

from django.urls import path

from indsats.web.committee import views

app_name = "committee"
urlpatterns = [
    path("", views.moede_list, name="list"),
    path("moeder/nyt/", views.moede_create, name="moede_create"),
    path("moeder/<int:moede_id>/", views.moede_detail, name="moede"),
    path("moeder/<int:moede_id>/send/", views.moede_send, name="moede_send"),
    path("moeder/<int:moede_id>/<str:art>.<str:fmt>", views.moede_dokument, name="dokument"),
    path("punkter/nyt/", views.punkt_new, name="punkt_new"),
    path("punkter/<int:punkt_id>/", views.punkt_detail, name="punkt"),
    path("punkter/<int:punkt_id>/rediger/", views.punkt_edit, name="punkt_edit"),
    path("punkter/<int:punkt_id>/dagsorden/", views.punkt_place, name="punkt_place"),
    path("punkter/<int:punkt_id>/beslutning/", views.beslutning_create, name="beslutning"),
]
