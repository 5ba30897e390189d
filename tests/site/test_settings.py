"""Production settings, loaded in a fresh interpreter as a deployment would load them."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = "policylab_site.settings.production"


def run_with_production_settings(args: list[str], *, tmp_path: Path, **env_vars: str):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            # Set while browser tests run; the deploy check rightly rejects it.
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        DATABASE_URL=f"sqlite:///{tmp_path / 'production-check.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "staticfiles"),
        **env_vars,
    )
    return subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def real_secret() -> str:
    return secrets.token_urlsafe(50)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_with_production_settings(
        ["-c", "import django; django.setup()"], tmp_path=tmp_path
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_an_empty_secret_key(tmp_path):
    result = run_with_production_settings(
        ["-c", "import django; django.setup()"], tmp_path=tmp_path, SECRET_KEY=""
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_deploy_check_is_clean_with_a_real_secret(tmp_path):
    result = run_with_production_settings(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path=tmp_path,
        SECRET_KEY=real_secret(),
        ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_never_runs_in_debug_and_serves_static_files_with_whitenoise(tmp_path):
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({'debug': settings.DEBUG, 'middleware': settings.MIDDLEWARE, "
        "'static': settings.STORAGES['staticfiles']['BACKEND'], "
        "'hosts': settings.ALLOWED_HOSTS}))"
    )
    result = run_with_production_settings(
        ["-c", script],
        tmp_path=tmp_path,
        SECRET_KEY=real_secret(),
        ALLOWED_HOSTS="example.org,www.example.org",
        DEBUG="true",
    )

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["debug"] is False
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in loaded["middleware"]
    assert loaded["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert loaded["hosts"] == ["example.org", "www.example.org"]


def test_an_unknown_email_url_scheme_stops_start_up_instead_of_printing_mail():
    import os
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DJANGO_SETTINGS_MODULE="policylab_site.settings.dev", EMAIL_URL="smtp+tls://mail:25")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "EMAIL_URL has a scheme" in result.stderr


def test_site_url_is_the_one_setting_for_wagtail_addresses(tmp_path):
    """A deployment sets SITE_URL only; the admin's and the API's base addresses follow it.

    (migrate then moves Wagtail's Site record: tests/core/test_site_address.py.)
    """
    site_url = "https://policylab.example.org"
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({'admin': settings.WAGTAILADMIN_BASE_URL, "
        "'api': settings.WAGTAILAPI_BASE_URL}))"
    )
    result = run_with_production_settings(
        ["-c", script], tmp_path=tmp_path, SECRET_KEY=real_secret(), SITE_URL=site_url + "/"
    )

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == {"admin": site_url, "api": site_url}
