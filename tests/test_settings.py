"""Configuration: production refuses to start without a real secret key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_check(settings_module, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("secret", [None, "", "short", "django-insecure-" + "x" * 50, "a" * 60])
def test_production_refuses_missing_or_weak_secret_key(secret):
    env = {} if secret is None else {"SECRET_KEY": secret}

    result = run_check("config.settings.production", **env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = run_check(
        "config.settings.production",
        SECRET_KEY="k3J9x-2Lq8v_Zp4rT7wY1bN6mC0sD5fG9hJ2kL4pQ8tV3xZ7-r8Tw2Qe",
        ALLOWED_HOSTS="news.example.com",
    )

    assert result.returncode == 0, result.stderr


def test_development_needs_no_environment():
    assert run_check("config.settings.dev").returncode == 0


def test_production_passes_deploy_checks_at_warning_level():
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="k3J9x-2Lq8v_Zp4rT7wY1bN6mC0sD5fG9hJ2kL4pQ8tV3xZ7-r8Tw2Qe",
        ALLOWED_HOSTS="news.example.com",
    )

    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
