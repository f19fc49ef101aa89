from django.urls import path

from indsats.web.core import views

app_name = "core"
urlpatterns = [
    path("", views.start, name="start"),
    path("sundhed/", views.health, name="health"),
]
