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
        if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY", "DEBUG"}
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


def test_production_refuses_to_start_with_debug_on(tmp_path):
    result = _manage(
        ["check"],
        {
            "DJANGO_SETTINGS_MODULE": "indsats.web.config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DEBUG": "1",
            "INDSATS_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stderr and "production" in result.stderr


DEVELOPMENT_KEY = "indsats-local-development-key-not-for-production"


def test_without_settings_or_secret_the_public_development_key_never_signs(tmp_path):
    """`indsats serve` with no DJANGO_SETTINGS_MODULE and no SECRET_KEY signed booking links
    with the development key printed in the source: a forged link was accepted. The local
    settings now make a random key once, kept in INDSATS_VAR_DIR (readable by the owner only)."""
    from django.core import signing

    forged = signing.dumps(
        {"sag": "00000000-0000-0000-0000-000000000000"},
        key=DEVELOPMENT_KEY,
        salt="indsats.booking",
        compress=True,
    )
    script = "\n".join(
        [
            "import hashlib",
            "from django.conf import settings",
            "from django.core import signing",
            f"print(settings.SECRET_KEY != {DEVELOPMENT_KEY!r})",
            "print(len(settings.SECRET_KEY) >= 50)",
            "print(hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest())",
            "try:",
            f"    signing.loads({forged!r}, salt='indsats.booking')",
            "    print('accepted')",
            "except signing.BadSignature:",
            "    print('refused')",
        ]
    )
    runs = []
    for _ in range(2):
        result = _manage(["shell", "-v", "0", "-c", script], {"INDSATS_VAR_DIR": str(tmp_path)})
        assert result.returncode == 0, result.stderr
        runs.append(result.stdout.split())
    assert runs[0][:2] == ["True", "True"] and runs[0][3] == "refused"
    assert runs[0][2] == runs[1][2]  # the same key on the next start: sessions and links survive
    key_files = [p for p in tmp_path.iterdir() if "secret" in p.name]
    assert len(key_files) == 1 and (key_files[0].stat().st_mode & 0o077) == 0
