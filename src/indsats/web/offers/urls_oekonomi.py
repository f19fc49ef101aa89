"""Budget follow-up and investment cases under /oekonomi/ (namespace "oekonomi")."""

from django.urls import path

from indsats.web.offers import views

app_name = "oekonomi"
urlpatterns = [
    path("budget/", views.budget, name="budget"),
    path("budget/ny/", views.budget_create, name="budget_create"),
    path("investeringer/", views.case_list, name="case_list"),
    path("investeringer/ny/", views.case_create, name="case_create"),
    path("investeringer/<int:case_id>/", views.case_detail, name="case_detail"),
]
