"""The commented profile template that `readiness init` writes (data/profile-template.yaml).

Generated from the profile model, so it covers every field and cannot drift: a test fails when
the data file (or its copy examples/template.yaml) is stale. Regenerate both with

    python -m readiness.template

Meanings are the fields' own descriptions in profile.py (one source for this template, the
profile reference and the JSON Schema); allowed values and units come from the field's type.
"""

from __future__ import annotations

import sys
import textwrap
import types
import typing
from datetime import date
from pathlib import Path
from typing import Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..lang.annotations import members
from ..model import profile as P
from ..model.framework import framework

WIDTH = 100

EXAMPLE_VALUES = {"Profile.format_version": "2", "Council.name": "Your Council", "Council.as_of": "2025-01-01"}


def bounds(annotation):
    out = {}

    def walk(a):
        if get_origin(a) is typing.Annotated:
            for meta in get_args(a)[1:]:
                for m in getattr(meta, "metadata", []):
                    for k in ("ge", "le", "gt", "lt"):
                        if hasattr(m, k):
                            out[k] = getattr(m, k)
            walk(get_args(a)[0])
        elif get_origin(a) in (Union, types.UnionType, list):
            for x in get_args(a):
                walk(x)

    walk(annotation)
    return out


def kind_words(name, annotation):
    """(is_list, model or None, allowed words)."""
    ms = members(annotation, keep_none=False)
    a = ms[0]
    many = False
    if get_origin(a) is list:
        many = True
        a = members(get_args(a)[0], keep_none=False)[0]
    if isinstance(a, type) and issubclass(a, BaseModel):
        return many, a, ""
    if get_origin(a) is Literal:
        choices = [str(c) for c in get_args(a)]
        words = " | ".join(choices)
        if tuple(choices) == get_args(P.Topic):
            return many, None, "topics from the list at the top" if many else "a topic from the list at the top"
        if tuple(choices) == get_args(P.StatementId):
            return many, None, ("quality statement ids from the list at the top" if many
                                else "a quality statement id from the list at the top")
        return many, None, ("list of: " if many else "") + words
    b = bounds(annotation)
    if a is bool:
        words = "true | false" + "".join(f" | {c}" for m in ms[1:] if get_origin(m) is Literal for c in get_args(m))
    elif a is P.PartialDate:
        words = "date YYYY-MM-DD, month YYYY-MM or year YYYY"
    elif a is date:
        words = "date YYYY-MM-DD"
    elif a in (int, float):
        unit = ""
        if name.endswith("_percent"):
            unit = "percent 0-100" if b.get("le") == 100 else "percent"
        elif name.endswith("_days"):
            unit = "days"
        elif name.endswith("_weeks"):
            unit = "weeks"
        elif name.endswith("_score"):
            unit = f"{b.get('ge', 1)}-{b.get('le', 25)}"
        elif "le" in b:
            unit = f"{'whole number' if a is int else 'number'} {b.get('ge', 0)}-{b['le']}"
        elif a is int:
            unit = "whole number"
        else:
            unit = "number" + (" 0 or more" if b.get("ge") == 0 else "")
        words = unit
    else:
        words = "text"
    return many, None, ("list of " + words if many else words)


def meaning(model, name, field):
    return field.description or ""


def fields(model):
    for name, field in model.model_fields.items():
        if name == "source" and model is not P.Council:
            continue
        yield name, field


def has_required(model):
    return any(f.is_required() for _, f in fields(model))


def line(text: str, ind: int, h: int | None, live: bool = False) -> tuple[str, int]:
    """(the line without its comment, where its '#' goes for continuation lines)."""
    if live:
        return " " * ind + text, ind
    h = ind if h is None else h
    return " " * h + "# " + " " * (ind - h) + text, h


def wrap(prefix: str, hash_at: int, column: int, text: str) -> list[str]:
    avail = max(30, WIDTH - column - 2)
    wrapped = textwrap.wrap(text, avail, break_on_hyphens=False) or [""]
    out = [prefix.ljust(column) + "# " + wrapped[0]]
    out += [(" " * hash_at + "#").ljust(column) + "# " + w for w in wrapped[1:]]
    return out


def emit_fields(model, ind: int, h: int | None, out: list[str], dash: bool = False, top: bool = False):
    """The fields of `model` with keys at column `ind`. h: the column of the '#' when the whole
    block is commented (inside a commented list item or section), None when keys are live."""
    entries = []  # (prefix, hash_at, comment, nested (model, ind, h, dash) or None, blank line before)
    for i, (name, field) in enumerate(fields(model)):
        lead = "- " if dash and i == 0 else ""
        key_ind = ind - 2 if lead else ind
        many, sub, words = kind_words(name, field.annotation)
        text = meaning(model, name, field)
        req = "Required. " if field.is_required() else ""
        if sub is not None:
            comment = ("List: " if many else "Section: ") + req + text
            # Only top-level section and list lines are live: a live line holding nothing reads as
            # absent, but a live parent with a live (empty) child would read as a present section.
            if many:
                live = h is None and key_ind == 0
                prefix, hash_at = line(lead + f"{name}:", key_ind, h, live=live)
                item_h = key_ind + 2 if live else (key_ind if h is None else h)
                nested = (sub, key_ind + 4, item_h, True)
            else:
                live = h is None and key_ind == 0 and (not has_required(sub) or sub is P.Council)
                prefix, hash_at = line(lead + f"{name}:", key_ind, h, live=live)
                sub_h = None if live else (key_ind if h is None else h)
                nested = (sub, key_ind + 2, sub_h, False)
            entries.append((prefix, hash_at, comment, nested, top))
            continue
        body = f"{req}{text} ({words})" if text else f"{req}({words})"
        example = EXAMPLE_VALUES.get(f"{model.__name__}.{name}")
        if example and h is None:
            prefix, hash_at = line(f"{name}: {example}", key_ind, None, live=True)
        else:
            prefix, hash_at = line(lead + f"{name}:", key_ind, h)
        entries.append((prefix, hash_at, body, None, False))
    column = max(len(e[0]) for e in entries) + 2
    for prefix, hash_at, comment, nested, blank in entries:
        if blank and out:
            out.append("")
        out += wrap(prefix, hash_at, column, comment)
        if nested:
            sub, sub_ind, sub_h, sub_dash = nested
            emit_fields(sub, sub_ind, sub_h, out, dash=sub_dash)


HEAD = """\
# Council profile template for readiness
#
# A blank profile for one council, as `readiness init` writes it. Fill in what your council can
# evidence, then run:   readiness check profile.yaml   (and: readiness explain profile.yaml)
#
# How to fill it in
# - Only council.name and council.as_of are required; every other fact is optional.
# - ABSENT MEANS "NOT EVIDENCED". A fact left out (still commented) counts neither for nor against
#   the council: rules that need it are listed as missing evidence and lower the confidence. It is
#   never treated as a pass. Leave a fact out rather than guess.
# - To record a fact, delete the "# " in front of its line (keep the indentation) and write the
#   value after the colon; if the section or list line above it is commented too, uncomment that
#   as well. For a list item, uncomment the lines you need, starting with the "- " line, and copy
#   the block for each further item. A section left empty is the same as absent.
# - An empty list, [], means "evidenced: none" - different from leaving the list out.
# - Dates: YYYY-MM-DD, or YYYY-MM / YYYY where the source gives only a month or a year (council.as_of
#   must be a full date). Percentages: numbers 0-100 without a % sign. true / false without quotes;
#   many yes/no facts also take partly or in-progress where the source says so.
# - Every section and every list item may also carry `source:`, naming the document and passage
#   the fact came from (shown here only under council). Record it: your board and CQC will ask.
# - Full reference: docs/profile.md. Editors can complete and check this file from a JSON Schema:
#   run `readiness schema profile --output profile.schema.json`, then make this file's first line
#   the yaml-language-server modeline pointing at it (docs/cli.md shows how).
#
"""


def profile_template() -> str:
    """The template's text."""
    fw = framework()
    topics = ", ".join(get_args(P.Topic))
    statements = ", ".join(s.id for s in fw.statements)
    out = [HEAD.rstrip("\n")]
    out += ["# Topics (for documents, risks, actions, recommendations and feedback):"]
    out += ["#   " + line for line in textwrap.wrap(topics, WIDTH - 4, break_on_hyphens=False)]
    out += ["# Quality statement ids (for documents and feedback):"]
    out += ["#   " + line for line in textwrap.wrap(statements, WIDTH - 4, break_on_hyphens=False)]
    out.append("")
    body: list[str] = []
    emit_fields(P.Profile, 0, None, body, top=True)
    out += body
    return "\n".join(line.rstrip() for line in out) + "\n"


def write_all(repo: Path) -> list[Path]:
    text = profile_template()
    targets = [repo / "src" / "readiness" / "data" / "profile-template.yaml", repo / "examples" / "template.yaml"]
    for path in targets:
        path.write_text(text, encoding="utf-8")
    return targets


if __name__ == "__main__":  # pragma: no cover
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3]
    for written in write_all(root):
        print(f"wrote {written}")
