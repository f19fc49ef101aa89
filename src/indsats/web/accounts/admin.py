import auditlog.admin  # noqa: F401  (registers LogEntry, unregistered below)
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from indsats.web.accounts.models import Kommuneindstillinger, Team, User


@admin.register(User)
class IndsatsUserAdmin(UserAdmin):
    fieldsets = [
        *(UserAdmin.fieldsets or ()),
        ("Kommune og team", {"fields": ["kommune_kode", "team"]}),
    ]
    list_display = ["username", "first_name", "last_name", "kommune_kode", "team", "is_active"]
    list_filter = ["kommune_kode", "team", "groups", "is_active"]


@admin.register(Kommuneindstillinger)
class KommuneindstillingerAdmin(admin.ModelAdmin):
    list_display = ["jobcenter_navn", "kommune_kode", "telefon"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["navn", "kommune_kode"]


# The generic admin cannot scope rows to the user's municipality, so the audit trail is not in it:
# admins browse it at /konti/revisionsspor/ (accounts.views.audit_trail), scoped to their kommune.
admin.site.unregister(LogEntry)
