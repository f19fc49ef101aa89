from django.urls import path

from indsats.web.citizens import views

app_name = "citizens"
urlpatterns = [
    path("", views.borger_list, name="list"),
    path("ny/", views.borger_create, name="create"),
    path("eksport.csv", views.borger_export, name="export"),
    path("<uuid:borger_id>/", views.borger_detail, name="detail"),
]
