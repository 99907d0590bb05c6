"""A finding's message says only what the facts say: every placeholder names a fact the rule's
condition reads (or an item the condition counted), so a message cannot report a figure the rule did
not check as though it were the finding."""

from __future__ import annotations

import inspect
import re

import pytest

from readiness.io.packs import load_rules, shipped_pack_dir
from readiness.lang import facts
from readiness.lang.conditions import Compare, FactRef, Quantifier, walk
from readiness.lang.messages import PLACEHOLDER
from readiness.model.profile import Profile

RULES = load_rules(shipped_pack_dir()).rules


def _inputs(path: str) -> set[str]:
    """A derived fact reads the fields its definition uses (`self.x` in the property), recursively."""
    parent, _, name = path.rpartition(".")
    try:
        model = facts.type_at(Profile, parent, Profile).model if parent else Profile
    except facts.UnknownPath:
        return set()
    computed = getattr(model, "model_computed_fields", {}) if model else {}
    if name not in computed:
        return set()
    derived = getattr(model, name)
    source = inspect.getsource(getattr(derived, "fget", None) or derived.func)  # a property, or a cached_property
    out: set[str] = set()
    for used in set(re.findall(r"self\.(\w+)", source)) - {name}:
        full = f"{parent}.{used}" if parent else used
        out |= {full} | _inputs(full)
    return out


def read_by(node) -> tuple[set[str], dict[str, str]]:
    """The facts a condition reads (full paths) and its named quantifiers (name -> list path)."""
    read: set[str] = set()
    names: dict[str, str] = {}

    def visit(node, prefix: str) -> None:
        if isinstance(node, Quantifier):
            path = prefix + node.collection
            read.add(path)
            if node.name:
                names[node.name] = path
            for _, child in node.children():
                visit(child, path + ".")
            return
        if isinstance(node, Compare):
            read.add(prefix + node.fact)
            if isinstance(node.value, FactRef):
                read.add(prefix + node.value.fact)
        for _, child in node.children():
            visit(child, prefix)

    visit(node, "")
    for path in list(read):
        read |= _inputs(path)
    return read, names


def unread_placeholders(rule) -> list[str]:
    read, names = read_by(rule.when)
    records = {path.rpartition(".")[0] for path in read}
    out = []
    for placeholder in PLACEHOLDER.findall(rule.message):
        head, _, rest = placeholder.partition(".")
        if head in names:  # {name.count}, {name.items.field}: what the condition counted
            continue
        parent, _, field = placeholder.rpartition(".")
        if placeholder in read or (field == "title" and parent in records):  # a document's own title
            continue
        out.append(placeholder)
    return out


def test_the_check_sees_what_a_condition_reads():
    rule = next(r for r in RULES if r.id == "sg-conversion-far-from-comparator")
    read, _ = read_by(rule.when)
    assert {"safeguarding.conversion_gap", "safeguarding.conversion_percent",
            "safeguarding.conversion_comparator_percent", "safeguarding.s42_enquiries"} <= read
    made_up = rule.model_copy(update={"message": "{safeguarding.concerns} concerns; {waiting.review.people} waiting"})
    assert unread_placeholders(made_up) == ["waiting.review.people"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_message_names_only_facts_its_condition_reads(rule):
    unread = unread_placeholders(rule)
    assert not unread, f"{rule.id}: the message names facts its condition does not read: {unread}"
