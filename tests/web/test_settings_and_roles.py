import os
import secrets
import subprocess
import sys

import dj_database_url
from django.contrib.auth.models import Group

from indsats.web.accounts.roles import ROLE_PERMISSIONS, Rolle


def test_every_role_is_a_group_with_exactly_its_permissions(db):
    for rolle in Rolle:
        group = Group.objects.get(name=rolle.value)
        got = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert got == ROLE_PERMISSIONS[rolle], rolle


def test_committee_role_has_no_citizen_permission():
    assert not any(p.startswith("citizens.") for p in ROLE_PERMISSIONS[Rolle.UDVALG])


def _manage(args, env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "indsats.web.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = _manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {
            "DJANGO_SETTINGS_MODULE": "indsats.web.config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "indsats.example.dk",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "INDSATS_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage(
        ["check"],
        {
            "DJANGO_SETTINGS_MODULE": "indsats.web.config.settings.production",
            "SECRET_KEY": "",
            "INDSATS_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_database_url_selects_postgresql():
    parsed = dj_database_url.parse("postgres://u@127.0.0.1:5432/indsats")
    assert parsed["ENGINE"] == "django.db.backends.postgresql"
