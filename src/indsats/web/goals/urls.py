from django.urls import path

from indsats.web.goals import views

app_name = "goals"
urlpatterns = [
    path("", views.resultater, name="resultater"),
    path("maal/nyt/", views.maal_create, name="maal_create"),
    path("maal/<slug:goal_id>/", views.maal_detail, name="maal_detail"),
    path("maanedsrapport/", views.rapport, name="rapport"),
    path("maanedsrapport/byg/", views.rapport_build, name="rapport_build"),
    path("maanedsrapport/<str:month>/rapport.<str:kind>", views.rapport_fil, name="rapport_fil"),
]
