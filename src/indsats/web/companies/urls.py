from django.urls import path

from indsats.web.companies import views

app_name = "companies"
urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("alle/", views.virksomhed_list, name="list"),
    path("ny/", views.virksomhed_create, name="create"),
    path("jobbarometer/", views.jobbarometer, name="jobbarometer"),
    path("noegletal/", views.servicemaal, name="servicemaal"),
    path("jobordrer/", views.jobordre_list, name="jobordre_list"),
    path("jobordrer/ny/", views.jobordre_create, name="jobordre_create"),
    path("jobordrer/<uuid:jobordre_id>/", views.jobordre_detail, name="jobordre_detail"),
    path("jobordrer/<uuid:jobordre_id>/foreslaa/", views.jobordre_propose, name="jobordre_propose"),
    path("jobordrer/<uuid:jobordre_id>/luk/", views.jobordre_close, name="jobordre_close"),
    path("jobordrer/<uuid:jobordre_id>/fravaelg/", views.jobordre_reject, name="jobordre_reject"),
    path("kandidater/<uuid:borger_id>/", views.kandidat_detail, name="kandidat_detail"),
    path("forslag/<int:forslag_id>/ansat/", views.forslag_hire, name="forslag_hire"),
    path("placeringer/<int:placering_id>/afslut/", views.placering_end, name="placering_end"),
    path("hotline/<int:henvendelse_id>/besvaret/", views.hotline_answer, name="hotline_answer"),
    path("<uuid:virksomhed_id>/", views.virksomhed_detail, name="detail"),
    path("<uuid:virksomhed_id>/kontakt/", views.kontakt_create, name="kontakt_create"),
    path("<uuid:virksomhed_id>/hotline/", views.hotline_create, name="hotline_create"),
    path("<uuid:virksomhed_id>/aftale/", views.aftale_create, name="aftale_create"),
    path("<uuid:virksomhed_id>/overdrag/", views.virksomhed_handover, name="handover"),
]
