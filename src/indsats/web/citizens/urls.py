from django.urls import path

from indsats.web.citizens import views

app_name = "citizens"
urlpatterns = [
    path("borgere/", views.borger_list, name="list"),
    path("borgere/ny/", views.borger_create, name="create"),
    path("borgere/eksport.csv", views.borger_export, name="export"),
    path("borgere/<uuid:borger_id>/", views.borger_detail, name="detail"),
    path("borgere/<uuid:borger_id>/sager/ny/", views.sag_create, name="sag_create"),
    path("borgere/<uuid:borger_id>/plan/", views.plan_edit, name="plan"),
    path(
        "borgere/<uuid:borger_id>/progression/ny/",
        views.progression_create,
        name="progression_create",
    ),
    path("sager/<uuid:sag_id>/", views.sag_edit, name="sag_edit"),
    path("sager/<uuid:sag_id>/fritagelse/ny/", views.fritagelse_create, name="fritagelse_create"),
    path("sager/<uuid:sag_id>/samtale/ny/", views.samtale_create, name="samtale_create"),
    path("sager/<uuid:sag_id>/tilbud/ny/", views.tilbud_create, name="tilbud_create"),
    path("sager/<uuid:sag_id>/bookinglink/", views.booking_link_send, name="booking_link_send"),
    path("mine-opgaver/", views.worklist, name="worklist"),
    path("teamoverblik/", views.team_overview, name="team"),
    path("ledige-tider/", views.tidsrum_list, name="slots"),
    path("ledige-tider/<int:tidsrum_id>/aflys/", views.tidsrum_cancel, name="slot_cancel"),
    path("kalender/", views.kalender_view, name="kalender"),
    path("kalender/samtaler.ics", views.kalender_ics, name="kalender_ics"),
    # The calendar feed behind a secret, revocable link (no login: for calendar programs).
    path("kalenderfeed/<str:noegle>.ics", views.kalender_feed, name="kalender_feed"),
]
