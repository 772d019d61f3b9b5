"""Production settings pass Django's deployment checks; a missing SECRET_KEY is refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "CCHC_ALLOW_INSECURE_KEY", "SECRET_KEY"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 30 + "-production-secret-with-enough-entropy-9f8e7d6c5b4a",
        DEBUG="0",
        ALLOWED_HOSTS="cchc.example.gov.vn",
        CCHC_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_secret_key_is_refused_in_production(tmp_path):
    result = run_manage("check", DEBUG="0", CCHC_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
