"""The pack cache (io.pack_cache): a hit gives the same pack, any change misses, a bad or
untrusted entry is ignored and rebuilt, and nothing about the cache is ever an error."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from readiness.engine.assess import evaluate
from readiness.io import pack_cache, packs
from readiness.io.packs import load_rules, shipped_pack_dir
from readiness.io.profiles import load_profile
from readiness.model.errors import RuleError

from conftest import EXAMPLES

SHIPPED = shipped_pack_dir()


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of this test's own."""
    where = tmp_path / "cache"
    monkeypatch.setenv("READINESS_CACHE_DIR", str(where))
    return where


@pytest.fixture
def pack(tmp_path) -> Path:
    """A small pack folder: two shipped rule files and the shipped policy."""
    where = tmp_path / "pack"
    (where / "policy").mkdir(parents=True)
    for name in ("safeguarding.yaml", "assessing-needs.yaml"):
        shutil.copy(SHIPPED / name, where / name)
    shutil.copy(SHIPPED / "policy" / "scoring.yaml", where / "policy" / "scoring.yaml")
    return where


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """Counts the packs actually read from their YAML files."""
    count: list[int] = []
    real = packs._merge

    def counting(*args, **kwargs):
        count.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(packs, "_merge", counting)
    return count


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("pack-*.pickle"))


def same_pack(a, b) -> bool:
    return a.rules == b.rules and a.sources == b.sources and a.locations == b.locations


def test_a_second_load_is_a_hit_and_gives_the_same_pack(folder, pack, builds):
    first = load_rules(pack)
    assert len(entries(folder)) == 1 and len(builds) == 1
    second = load_rules(pack)
    assert len(builds) == 1, "the second load read the YAML again"
    assert second is not first and same_pack(first, second)


def test_the_folder_and_entry_are_private(folder, pack):
    load_rules(pack)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(entries(folder)[0].stat().st_mode) == 0o600


@pytest.mark.parametrize("name", ["safeguarding.yaml", "assessing-needs.yaml", "policy/scoring.yaml"])
def test_one_byte_changed_in_any_rule_file_or_the_policy_misses(folder, pack, builds, name):
    load_rules(pack)
    target = pack / name
    text = target.read_bytes()
    assert text.endswith(b"\n")
    target.write_bytes(text[:-1] + b" ")  # the last newline becomes a space: same YAML, one byte changed
    load_rules(pack)
    assert len(builds) == 2
    assert len(entries(folder)) == 2


def test_a_changed_rule_gives_the_changed_pack_not_the_cached_one(folder, pack):
    target = pack / "safeguarding.yaml"
    before = load_rules(pack)
    old = "title: Safeguarding concerns closed without review by a practitioner"
    assert old in target.read_text() and before.get("sg-concerns-closed-without-human-review").title in old
    target.write_text(target.read_text().replace(old, "title: A new title", 1))
    after = load_rules(pack)
    assert after.get("sg-concerns-closed-without-human-review").title == "A new title"


def test_a_new_file_in_the_pack_misses(folder, pack, builds):
    load_rules(pack)
    shutil.copy(SHIPPED / "safeguarding.yaml", pack / "zz-more.yaml")
    with pytest.raises(RuleError):  # the same ids twice: the error is reported, fresh
        load_rules(pack)
    assert len(builds) == 2


def test_a_pack_that_fails_is_never_cached(folder, tmp_path, builds):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.yaml").write_text("rules:\n  - id: Not An Id\n")
    for _ in range(2):
        with pytest.raises(RuleError) as exc:
            load_rules(bad)
        assert "x.yaml:2" in exc.value.describe()
    assert len(builds) == 2 and not entries(folder)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "other key"])
def test_a_corrupt_or_truncated_entry_is_rebuilt(folder, pack, builds, damage):
    good = load_rules(pack)
    entry = entries(folder)[0]
    data = entry.read_bytes()
    entry.write_bytes({"truncated": data[: len(data) // 2], "garbage": data[:60] + b"\x00garbage" * 50,
                       "empty": b"", "other key": data.replace(data[16:30], b"0" * 14, 1)}[damage])
    again = load_rules(pack)
    assert len(builds) == 2 and same_pack(good, again)
    assert entry.read_bytes() == data, "the damaged entry was not replaced"


def test_a_folder_writable_by_others_is_ignored_and_not_written(folder, pack, builds):
    load_rules(pack)
    folder.chmod(0o777)
    load_rules(pack)
    assert len(builds) == 2
    for entry in entries(folder):
        entry.unlink()
    load_rules(pack)
    assert not entries(folder), "wrote into a folder others can write"


def test_an_entry_writable_by_group_is_ignored(folder, pack, builds):
    load_rules(pack)
    entries(folder)[0].chmod(0o620)
    load_rules(pack)
    assert len(builds) == 2


def test_an_entry_owned_by_someone_else_is_ignored(folder, pack, builds, monkeypatch):
    load_rules(pack)
    me = os.geteuid()
    monkeypatch.setattr(pack_cache.os, "geteuid", lambda: me + 1)  # the files now belong to another user
    load_rules(pack)
    load_rules(pack)
    assert len(builds) == 3


def test_a_symbolic_link_as_the_entry_is_not_followed(folder, pack, builds):
    load_rules(pack)
    entry = entries(folder)[0]
    real = folder / "elsewhere.pickle"
    entry.rename(real)
    entry.symlink_to(real)
    load_rules(pack)
    assert len(builds) == 2 and entry.is_symlink()


def test_a_read_only_cache_folder_works(folder, pack, builds, monkeypatch):
    load_rules(pack)
    folder.chmod(0o500)
    try:
        assert len(entries(folder)) == 1
        load_rules(pack)  # a hit still reads
        assert len(builds) == 1

        def refused(*args, **kwargs):
            raise PermissionError(13, "Read-only file system")  # root ignores 0500; refuse as a real one would

        monkeypatch.setattr("readiness.io.atomic.write_atomic", refused)
        (pack / "safeguarding.yaml").write_text((pack / "safeguarding.yaml").read_text() + "# changed\n")
        changed = load_rules(pack)
        assert len(builds) == 2 and changed.rules
    finally:
        folder.chmod(0o700)


def test_a_cache_folder_that_cannot_be_made_works(tmp_path, monkeypatch, pack, builds):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("READINESS_CACHE_DIR", str(blocker / "cache"))
    assert load_rules(pack).rules
    assert load_rules(pack).rules
    assert len(builds) == 2


def test_switched_off_nothing_is_written(folder, pack, builds, monkeypatch):
    monkeypatch.setenv("READINESS_NO_CACHE", "1")
    load_rules(pack)
    load_rules(pack)
    assert len(builds) == 2 and not folder.exists()


def test_where_the_cache_lives(monkeypatch, tmp_path):
    monkeypatch.delenv("READINESS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert pack_cache.cache_dir() == tmp_path / "xdg" / "readiness"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert pack_cache.cache_dir() == tmp_path / "home" / ".cache" / "readiness"
    monkeypatch.setenv("READINESS_CACHE_DIR", str(tmp_path / "mine"))
    assert pack_cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("READINESS_NO_CACHE", "1")
    assert pack_cache.cache_dir() is None


def test_the_limits_are_part_of_the_key(pack, monkeypatch):
    files = sorted(pack.glob("*.yaml"))
    before = pack_cache.fingerprint("pack", files)
    monkeypatch.setenv("READINESS_MAX_DEPTH", "7")
    assert pack_cache.fingerprint("pack", files) != before


def test_the_cached_shipped_pack_evaluates_identically(folder, monkeypatch, builds):
    monkeypatch.setenv("READINESS_NO_CACHE", "1")
    fresh = load_rules(SHIPPED)
    monkeypatch.delenv("READINESS_NO_CACHE")
    load_rules(SHIPPED)
    cached = load_rules(SHIPPED)
    assert len(builds) == 2, "the last load was not a hit"
    for example in sorted(EXAMPLES.glob("*.yaml")):
        profile = load_profile(example)
        assert evaluate(profile, cached).to_json() == evaluate(profile, fresh).to_json(), example.name


def test_the_cli_pack_with_a_councils_rules_is_cached(folder, pack, builds):
    from readiness.cli.common import load_pack

    shipped = load_rules(SHIPPED)
    first_id = shipped.rules[0].id
    council = pack.parent / "council"
    council.mkdir()
    (council / "off.yaml").write_text(f"rules:\n  - id: {first_id}\n    enabled: false\n")
    first = load_pack([council])
    second = load_pack([council])
    assert same_pack(first, second)
    assert shipped.get(first_id).enabled and not second.get(first_id).enabled
    assert len(builds) == 2, "shipped-only and shipped+council were each read once"


def test_a_file_over_the_input_limit_gets_no_key_and_is_reported_by_the_load(folder, pack, monkeypatch):
    monkeypatch.setenv("READINESS_MAX_INPUT_BYTES", "1000")
    assert pack_cache.fingerprint("pack", sorted(pack.glob("*.yaml"))) is None
    with pytest.raises(RuleError) as exc:
        load_rules(pack)
    assert "READINESS_MAX_INPUT_BYTES" in exc.value.describe()
    assert not entries(folder)
