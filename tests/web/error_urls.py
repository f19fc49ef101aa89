"""The real URLs plus two pages that fail, for the error page tests (tests/web/test_error_pages.py).
The error handlers are read from the root URLconf, so they are the real ones, re-exported."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from indsats.web.config import urls as real


def _boom(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [
    path("test-fejl/", _boom),
    path("test-fejl-anonym/", login_not_required(_boom)),
    *real.urlpatterns,
]
handler400 = real.handler400
handler403 = real.handler403
handler404 = real.handler404
handler500 = real.handler500
