from django.urls import path

from indsats.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("revisionsspor/", views.audit_trail, name="audit_trail"),
]
