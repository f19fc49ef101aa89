from django.urls import path

from indsats.web.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:plan_id>/aarshjul/", views.aarshjul, name="aarshjul"),
    path("version/<int:version_id>/", views.version_detail, name="version_detail"),
    path("version/<int:version_id>/rediger/", views.version_edit, name="version_edit"),
    path("version/<int:version_id>/indsats/ny/", views.indsats_edit, name="indsats_create"),
    path(
        "version/<int:version_id>/indsats/<int:indsats_id>/",
        views.indsats_edit,
        name="indsats_edit",
    ),
    path("version/<int:version_id>/maal/<int:maal_id>/", views.maal_edit, name="maal_edit"),
    path("version/<int:version_id>/budget/<int:linje_id>/", views.budget_edit, name="budget_edit"),
    path("version/<int:version_id>/aendringer/", views.version_diff, name="version_diff"),
    path("version/<int:version_id>/dokument.<str:fmt>", views.version_document, name="document"),
    path("version/<int:version_id>/evaluering/", views.evaluering_create, name="evaluering_create"),
    path(
        "version/<int:version_id>/<str:handling>/", views.version_handling, name="version_handling"
    ),
    path("evaluering/<int:evaluering_id>/", views.evaluering_detail, name="evaluering"),
    path(
        "evaluering/<int:evaluering_id>/revision/",
        views.evaluering_revision,
        name="evaluering_revision",
    ),
]
