"""Production settings pass ``check --deploy``; the secret key is generated once and kept."""

import os
import subprocess
import sys

import pytest

from investdesk import settings as production


def run_django(code_or_args, tmp_path, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "DEBUG",
            "HTTPS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(INVESTDESK_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="investdesk.settings", **env)
    if isinstance(code_or_args, str):
        args = [sys.executable, "-c", "import django; django.setup(); " + code_or_args]
    else:
        args = [sys.executable, "-m", "investdesk.manage", *code_or_args]
    return subprocess.run(args, capture_output=True, text=True, env=environment, timeout=120, check=False)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY="k" * 20 + "Xy9_-" * 12,
        ALLOWED_HOSTS="investdesk.khanhhoa.gov.vn",
        DEBUG="0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_generated_once_and_private(tmp_path):
    first = run_django("from django.conf import settings; print(settings.SECRET_KEY)", tmp_path)
    second = run_django("from django.conf import settings; print(settings.SECRET_KEY)", tmp_path)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50 and key == second.stdout.strip()
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_sqlite_runs_in_wal_with_immediate_transactions(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], connection.transaction_mode)"
    )
    result = run_django(code, tmp_path, DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "IMMEDIATE"]


def test_production_defaults_are_secure():
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert production.SESSION_COOKIE_HTTPONLY and production.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert production.SECURE_CSP["script-src"] and "'unsafe-inline'" not in production.SECURE_CSP["script-src"]


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy(client, officer):
    client.force_login(officer)
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
