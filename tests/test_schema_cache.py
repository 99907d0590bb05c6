"""The schema cache (io.schema_cache): a command's second run puts the pydantic schemas its first
run built back on the model classes, every output and every error stays byte for byte the same,
and a foreign, corrupt or switched-off entry is ignored (never an error).

A process installs schemas only into classes it has not built yet, so each run that matters is a
process of its own (`python -c` with this checkout's readiness)."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from readiness.io import pack_cache, schema_cache

from conftest import EXAMPLES, REPO

PROFILES = sorted(EXAMPLES.glob("*.yaml")) + sorted((REPO / "calibration" / "profiles").glob("*.yaml"))

# Each broken in another way: a wrong type, an unknown field, a bad partial date, bad YAML.
BROKEN = {
    "wrong-type.yaml": "council:\n  name: A\n  as_of: 2024-12-31\ndocuments:\n  - title: V\n    kind: vision\n"
                       "    status: approved\n    approved_on: not-a-date\n    coproduced: maybe\n",
    "unknown-field.yaml": "council:\n  name: A\n  as_of: 2024-12-31\n  colour: blue\nroles:\n  - role: dass\n"
                          "    status: in-post\n    since: May 2024\n    favourite: yes\n",
    "bad-enum.yaml": "council:\n  name: A\n  type: metropolis\n  as_of: 2024-13-31\n",
    "bad-yaml.yaml": "council:\n  name: A\n   type: unitary\n",
}

# Runs the CLI on each file in one process and prints, as JSON, how many schemas were installed
# and each run's exit code, output and error output.
DRIVER = """
import contextlib, io, json, sys
from readiness.cli.main import main
from readiness.io import schema_cache
installed = schema_cache.install(sys.argv[1])
runs = []
for path in sys.argv[3:]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([sys.argv[1], path, *sys.argv[2].split()])
    runs.append([code, out.getvalue(), err.getvalue()])
print(json.dumps({"installed": installed, "runs": runs}))
"""


def drive(cache: Path, command: str, options: str, files: list[Path], **env: str) -> dict:
    environ = {**os.environ, "READINESS_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO / "src"), **env}
    done = subprocess.run([sys.executable, "-c", DRIVER, command, options, *map(str, files)], env=environ,
                          capture_output=True, text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def installs(cache: Path, command: str = "check", prelude: str = "", **env: str) -> int:
    """How many schemas a fresh process installs for `command` from `cache`."""
    environ = {**os.environ, "READINESS_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO / "src"), **env}
    code = f"{prelude}\nfrom readiness.io import schema_cache\nprint(schema_cache.install({command!r}))"
    done = subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def entries(cache: Path, command: str = "check") -> list[Path]:
    return sorted(cache.glob(f"schemas-{command}-*.pickle"))


@pytest.fixture
def cache(tmp_path) -> Path:
    """A private cache folder; skipped under a pydantic other than the one the cache was checked
    with, where it never installs anything (test_under_another_pydantic_version_nothing_is_installed)."""
    import pydantic

    if pydantic.VERSION != schema_cache.PYDANTIC:
        pytest.skip(f"the schema cache is checked against pydantic {schema_cache.PYDANTIC}, not {pydantic.VERSION}")
    return tmp_path / "cache"


@pytest.fixture
def broken(tmp_path) -> list[Path]:
    for name, text in BROKEN.items():
        (tmp_path / name).write_text(text)
    return [tmp_path / name for name in BROKEN]


@pytest.fixture
def warm(cache) -> Path:
    """A cache holding what one `check` built."""
    first = drive(cache, "check", "--format json", [EXAMPLES / "blackpool-2024.yaml"])
    assert first["runs"][0][0] == 0 and first["installed"] == 0
    assert len(entries(cache)) == 1
    return cache


def test_a_second_check_installs_what_the_first_built_and_writes_nothing(warm):
    entry = entries(warm)[0]
    kept = pickle.loads(entry.read_bytes().split(b"\n", 2)[2])
    assert ("readiness.model.profile", "Profile") in kept
    assert ("readiness.model.assessment", "Assessment") in kept
    before = entry.stat().st_mtime_ns
    again = drive(warm, "check", "--format json", [EXAMPLES / "blackpool-2024.yaml"])
    built_at_import = [key for key in kept if key[0] == "readiness.lang.conditions"]  # not deferred: left alone
    assert again["installed"] == len(kept) - len(built_at_import) > 0
    assert entries(warm) == [entry] and entry.stat().st_mtime_ns == before, "a hit rewrote the entry"


@pytest.mark.parametrize("options", ["--format json", "--format markdown"])
def test_with_the_schemas_installed_every_profile_and_error_is_byte_identical(warm, tmp_path, broken, options):
    files = PROFILES + broken
    fresh = drive(tmp_path / "unused", "check", options, files, READINESS_NO_CACHE="1")
    cached = drive(warm, "check", options, files)
    assert fresh["installed"] == 0 and cached["installed"] > 0
    for path, a, b in zip(files, fresh["runs"], cached["runs"]):
        assert a == b, path.name
    codes = [code for code, _, _ in cached["runs"]]
    assert codes == [0] * len(PROFILES) + [2] * len(broken)
    assert "is not a field readiness knows" in cached["runs"][len(PROFILES) + 1][2]


def test_validate_gives_the_same_errors_with_its_schemas_installed(cache, tmp_path, broken):
    drive(cache, "validate", "", broken)
    assert len(entries(cache, "validate")) == 1
    fresh = drive(tmp_path / "unused", "validate", "", broken, READINESS_NO_CACHE="1")
    cached = drive(cache, "validate", "", broken)
    assert cached["installed"] > 0 and cached["runs"] == fresh["runs"]
    assert all(code == 2 for code, _, _ in cached["runs"])


def test_switched_off_nothing_is_written_or_installed(cache):
    drive(cache, "check", "--format json", [EXAMPLES / "bristol-2024.yaml"], READINESS_NO_CACHE="1")
    assert not cache.exists()
    drive(cache, "check", "--format json", [EXAMPLES / "bristol-2024.yaml"])
    assert installs(cache, READINESS_NO_CACHE="1") == 0 < installs(cache)


def test_a_folder_writable_by_others_is_ignored(warm):
    warm.chmod(0o770)
    try:
        assert installs(warm) == 0
    finally:
        warm.chmod(0o700)
    assert installs(warm) > 0


def test_an_entry_writable_by_its_group_is_ignored(warm):
    entries(warm)[0].chmod(0o660)
    assert installs(warm) == 0


def test_an_entry_owned_by_someone_else_is_ignored(warm):
    someone_else = "import os\nme = os.geteuid()\nos.geteuid = lambda: me + 1"
    assert installs(warm, prelude=someone_else) == 0


@pytest.mark.parametrize("damage", ["truncated", "garbage", "not a dict"])
def test_a_corrupt_entry_is_ignored_and_rewritten(warm, damage):
    entry = entries(warm)[0]
    data = entry.read_bytes()
    header = data[: data.index(b"\n", len(b"readiness-cache\n")) + 1]
    entry.write_bytes({"truncated": data[: len(data) // 2], "garbage": header + b"\x00garbage" * 40,
                       "not a dict": header + pickle.dumps(["a list"])}[damage])
    assert installs(warm) == 0
    again = drive(warm, "check", "--format json", [EXAMPLES / "blackpool-2024.yaml"])
    assert again["installed"] == 0 and again["runs"][0][0] == 0
    assert installs(warm) > 0, "the damaged entry was not replaced"


def test_an_entry_of_other_code_is_not_read(warm):
    """The key holds the code fingerprint (pydantic and pydantic-core too): an entry under
    another key is never looked at."""
    entry = entries(warm)[0]
    entry.rename(entry.with_name("schemas-check-" + "0" * 40 + ".pickle"))
    assert installs(warm) == 0


def test_under_another_pydantic_version_nothing_is_installed(warm):
    other = "import readiness.io.schema_cache as s\ns.PYDANTIC = '2.0.0'"
    assert installs(warm, prelude=other) == 0


def test_the_kept_schemas_are_the_ones_pydantic_builds(warm):
    """Each kept schema equals the one pydantic generates for that class when the same check runs
    with no cache (apart from the refs, which hold the id() of a class in its process)."""
    kept = pickle.loads(entries(warm)[0].read_bytes().split(b"\n", 2)[2])
    code = ("import contextlib, io, pickle, sys\n"
            "from readiness.cli.main import main\n"
            "from readiness.io import schema_cache\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['check', sys.argv[1], '--format', 'json'])\n"
            "built = {k: c.__pydantic_core_schema__ for k, c in schema_cache.built_classes().items()}\n"
            "sys.stdout.buffer.write(pickle.dumps(built))\n")
    env = {**os.environ, "READINESS_NO_CACHE": "1", "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "blackpool-2024.yaml")], env=env,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    built = pickle.loads(done.stdout)
    assert set(built) == set(kept)
    for key in kept:
        assert _without_refs(built[key]) == _without_refs(kept[key]), key


def _without_refs(schema):
    """A schema with its definition refs (which hold the id() of a class in that process) renamed
    by order of appearance, so two processes' schemas compare."""
    names: dict[str, str] = {}

    def walk(x):
        if isinstance(x, dict):
            return {k: (names.setdefault(v, f"ref{len(names)}") if k in ("ref", "schema_ref") and isinstance(v, str)
                        else walk(v)) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v) for v in x]
        return x

    return walk(schema)


def test_a_schema_that_does_not_pickle_back_is_not_kept():
    assert schema_cache._keeps({"type": "int"})
    assert not schema_cache._keeps({"type": "function-plain", "function": lambda v: v})


def test_a_class_defined_in_a_function_is_never_looked_up():
    from pydantic import BaseModel

    class Local(BaseModel):
        x: int

    Local(x=1)
    assert (Local.__module__, Local.__qualname__) not in schema_cache.built_classes()
    assert schema_cache._deferred_class(__name__, "Local") is None
    assert schema_cache._deferred_class("json", "JSONDecoder") is None, "only readiness classes"


def test_the_key_holds_the_pydantic_core_version():
    import pydantic_core

    assert f"pydantic-core {pydantic_core.__version__}" in pack_cache._code_fingerprint()


# --- the CLI's start-up hook (cli.common.prepared): the collector is left as it was found ------


@pytest.mark.parametrize("enabled", [True, False])
def test_an_in_process_command_leaves_the_collector_as_it_was(capsys, enabled):
    import gc

    from readiness.cli.main import main

    (gc.enable if enabled else gc.disable)()
    try:
        assert main(["check", str(EXAMPLES / "bristol-2024.yaml"), "--format", "json"]) == 0
        assert main(["validate", str(EXAMPLES / "bristol-2024.yaml")]) == 0
        assert gc.isenabled() is enabled and gc.get_freeze_count() == 0
    finally:
        gc.enable()
    assert capsys.readouterr().out.startswith("{")


def test_the_collector_runs_while_profiles_are_assessed(monkeypatch, capsys):
    """Paused for start-up only: back on (with start-up frozen) before the first assessment."""
    import gc

    import readiness
    from readiness.cli.main import main

    seen = []
    real = readiness.evaluate

    def watching(*args, **kwargs):
        seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
        return real(*args, **kwargs)

    monkeypatch.setattr(readiness, "evaluate", watching)
    assert main(["check", str(EXAMPLES / "bristol-2024.yaml"), "--format", "json"]) == 0
    assert seen == [(True, True)]
