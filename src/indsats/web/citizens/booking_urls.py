from django.urls import path

from indsats.web.citizens import booking

app_name = "booking"
urlpatterns = [
    path("<str:token>/", booking.book, name="book"),
    path("<str:token>/bekraeftet/", booking.confirmed, name="confirmed"),
    path("<str:token>/samtale.ics", booking.ics, name="ics"),
]
