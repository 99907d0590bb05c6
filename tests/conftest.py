from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture
def minimal() -> dict:
    return {"council": {"name": "Test Council", "as_of": "2024-06-30"}}


@pytest.fixture(scope="session")
def _session_pack_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pack-cache")


@pytest.fixture(autouse=True)
def _same_terminal_everywhere(monkeypatch, _session_pack_cache):
    """No test depends on the terminal it runs in, its width or its locale, nor writes to the
    user's own pack cache (every test shares one cache folder, so cached packs are exercised)."""
    monkeypatch.setenv("READINESS_CACHE_DIR", str(_session_pack_cache))
    monkeypatch.delenv("READINESS_NO_CACHE", raising=False)
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    for name in [n for n in __import__("os").environ if n.startswith("READINESS_MAX") or n == "READINESS_MIN_EXPANSION"]:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def libreoffice() -> str:
    """The LibreOffice program (soffice), for tests that open our workbooks in a real spreadsheet
    application; .ci/run installs it from Debian. Skipped, saying why, only where it is absent."""
    import shutil

    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    return found


def convert_with_libreoffice(soffice: str, source: Path, fmt: str, outdir: Path) -> Path:
    """Convert `source` with LibreOffice headless (e.g. fmt "xlsx" re-saves it as Calc would,
    "csv" writes the first sheet) into `outdir`, with a private profile folder so parallel runs
    and a user's own LibreOffice do not interfere. Returns the converted file."""
    import subprocess

    profile = outdir / ".lo-profile"
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", fmt, "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=180)
    out = outdir / (source.stem + "." + fmt.split(":")[0])
    assert out.is_file(), f"LibreOffice wrote no {out.name}"
    return out


def policy_variant(strength: float = 0.0, start: float = 2.25, scale: float = 1.0, rounding: str = "half-up",
                   some: float = -0.5):
    """The shipped scoring policy with its priors' strength, start, evidence-log scale, rounding and
    some-shortfall points replaced: the numbers the scoring arithmetic lays out."""
    from readiness.io.policy import load_policy
    from readiness.model.policy import ScoringPolicy

    data = load_policy().model_dump(by_alias=True, exclude_none=True)
    data["priors"] = {"strength": strength}
    data["category_score"]["start"] = start
    data["category_score"]["points"]["some-shortfall"] = some
    data["evidence_log"]["points_scale"] = scale
    data["rounding"] = rounding
    return ScoringPolicy.model_validate(data)
