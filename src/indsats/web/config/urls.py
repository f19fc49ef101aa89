from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("indsats.web.core.urls")),
    path("", include("indsats.web.citizens.urls")),
    path("booking/", include("indsats.web.citizens.booking_urls")),
    path("konti/", include("indsats.web.accounts.urls")),
    path("virksomheder/", include("indsats.web.companies.urls")),
    path("tilbud/", include("indsats.web.offers.urls")),
    path("oekonomi/", include("indsats.web.offers.urls_oekonomi")),
    path("resultater/", include("indsats.web.goals.urls")),
    path("effekt/", include("indsats.web.evaluation.urls")),
    path("planer/", include("indsats.web.plans.urls")),
    path("udvalg/", include("indsats.web.committee.urls")),
    path(
        "offentlig/",
        include(("indsats.web.committee.urls_offentlig", "offentlig"), namespace="offentlig"),
    ),
    path("log-ind/", auth_views.LoginView.as_view(), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

handler400 = "indsats.web.core.errors.bad_request"
handler403 = "indsats.web.core.errors.permission_denied"
handler404 = "indsats.web.core.errors.page_not_found"
handler500 = "indsats.web.core.errors.server_error"
