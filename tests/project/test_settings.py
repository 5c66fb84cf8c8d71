"""Configuration: production refuses a weak secret key and passes Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REAL_SECRET = "k3J9x-2Lq8v_Zp4rT7wY1bN6mC0sD5fG9hJ2kL4pQ8tV3xZ7-r8Tw2Qe"
# Variables of the test process that a deployment would not have.
NOT_INHERITED = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(settings_module, *args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("secret", [None, "", "short", "django-insecure-" + "x" * 50, "a" * 60])
def test_production_refuses_missing_or_weak_secret_key(secret):
    env = {} if secret is None else {"SECRET_KEY": secret}

    result = run_manage("config.settings.production", "check", **env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_deploy_checks_at_warning_level():
    result = run_manage(
        "config.settings.production",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="news.example.com",
    )

    assert result.returncode == 0, result.stderr
    # Nothing is silenced: Django would report "(N silenced)".
    assert result.stdout.strip() == "System check identified no issues (0 silenced).", result.stdout


def test_development_needs_no_environment():
    assert run_manage("config.settings.dev", "check").returncode == 0


@pytest.mark.parametrize(
    "base_url, reason",
    [
        ("127.0.0.1:8000", "must start with http:// or https://"),
        ("ftp://news.example.com", "must start with http:// or https://"),
        ("http://", "has no host name"),
        ("http://news.example.com:port", "port is not a number"),
        ("https://news.example.com/site/", "must not have a path, query or fragment"),
        ("https://news.example.com/?a=1", "must not have a path, query or fragment"),
        ("https://editor:secret@news.example.com", "must not carry a user name or password"),
    ],
)
def test_a_malformed_base_url_stops_start_up_with_the_reason(base_url, reason):
    result = run_manage("config.settings.dev", "check", BASE_URL=base_url)

    assert result.returncode != 0
    assert "ImproperlyConfigured: BASE_URL must be like" in result.stderr
    assert reason in result.stderr


def test_base_url_is_kept_without_a_trailing_slash():
    result = run_manage(
        "config.settings.dev",
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings as s; print(s.BASE_URL, s.WAGTAILADMIN_BASE_URL)",
        BASE_URL="HTTPS://News.Example.com:8443/",
    )

    assert result.stdout.split() == ["https://news.example.com:8443"] * 2, result.stderr
