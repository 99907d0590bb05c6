"""Reference pages generated from the code and the rules, so they cannot drift.

docs/profile.md is generated from the profile model and docs/rules.md from the shipped
pack; tests fail when either is stale. Regenerate with `python -m readiness.docgen`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel

from ..lang.facts import FactType, fields_of, type_of
from ..model.profile import Profile

PROFILE_HEAD = """# Profile reference

Generated from `src/readiness/model/profile.py` by `python -m readiness.docgen docs`: do not edit by hand.

A profile is YAML (or JSON). Only `council.name` and `council.as_of` are required; every other
fact may be left out. **Absent means "not evidenced"**: a rule that needs it is reported as not
evaluable (missing evidence), never as passed. An empty list means "evidenced: none". Dates are
written `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where the source gives only a month or a year
(docs/recording-evidence.md); percentages are 0-100. Every section and list item may carry a `source`
naming the document and passage the fact came from. Fields marked *derived* are computed by
readiness and cannot be written in a profile; rules can read them.
"""


def _type_words(ftype: FactType) -> str:
    if ftype.kind == "enum":
        base = "one of: " + ", ".join(f"`{c}`" for c in ftype.choices)
    elif ftype.kind == "object":
        base = f"section ({ftype.model.__name__})" if ftype.model else "section"
    else:
        base = {"number": "number", "text": "text", "bool": "true / false", "date": "date"}[ftype.kind]
        if ftype.kind == "bool" and ftype.choices:
            base += " / " + " / ".join(f"`{c}`" for c in ftype.choices)
    return f"list of {base}" if ftype.many else base


def _models(model: type[BaseModel], seen: list[type[BaseModel]]) -> list[type[BaseModel]]:
    if model in seen:
        return seen
    seen.append(model)
    for annotation in fields_of(model).values():
        sub = type_of(annotation).model
        if sub is not None:
            _models(sub, seen)
    return seen


def _path_of(target: type[BaseModel]) -> str:
    """The dotted path a section is found at (first route from the profile root)."""
    queue: list[tuple[type[BaseModel], str]] = [(Profile, "")]
    while queue:
        model, path = queue.pop(0)
        if model is target:
            return path or "(top level)"
        for name, annotation in fields_of(model).items():
            sub = type_of(annotation).model
            if sub is not None:
                queue.append((sub, f"{path}.{name}" if path else name))
    return "?"


def profile_reference() -> str:
    out = [PROFILE_HEAD]
    for model in _models(Profile, []):
        doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
        out.append(f"\n## {model.__name__}: `{_path_of(model)}`\n")
        if doc and not doc.startswith(("Base for", "A Pydantic")):
            out.append(f"{doc}\n")
        out.append("| field | type | meaning |\n|---|---|---|")
        for name, field in model.model_fields.items():
            required = " (required)" if field.is_required() else ""
            meaning = (field.description or "").replace("|", "\\|")
            out.append(f"| `{name}`{required} | {_type_words(type_of(field.annotation))} | {meaning} |")
        for name, field in model.model_computed_fields.items():
            out.append(f"| `{name}` | {_type_words(type_of(field.return_type))} | *derived*: {field.description or ''} |")
    return "\n".join(out) + "\n"


INDICATORS_HEAD = """# Indicator ids

Generated from `src/readiness/data/indicators.yaml` by `python -m readiness.docgen docs`: do not
edit by hand.

`indicators:` in a profile holds national (and local) measures, each with `value`, its
comparator (`england`, `region`), `polarity` and, where the publisher tested it,
`significance` against England. Rules recognise measures by these ids; use them so the
shipped rules can read your figures. For these ids the loader checks the polarity (a wrong
direction of good would turn a shortfall into a strength), and an id that looks like a
misspelling of one of them is an error. Other (local) ids are kept and shown but no shipped
rule reads them.

| id | measure | source | polarity | statement(s) |
|---|---|---|---|---|
"""


def indicators_reference() -> str:
    from ..model.framework import known_indicators

    rows = [f"| {i.id} | {i.measure} | {i.source} | {i.polarity} | {', '.join(i.statements)} |"
            for i in known_indicators().values()]
    return INDICATORS_HEAD + "\n".join(rows) + "\n"


def write_all(docs: Path) -> list[Path]:
    targets = {docs / "profile.md": profile_reference(), docs / "indicators.md": indicators_reference()}
    try:
        from .catalogue import rules_catalogue
        from ..io.packs import load_rules

        targets[docs / "rules.md"] = rules_catalogue(load_rules())
    except ImportError:  # pragma: no cover - the catalogue needs the describer
        pass
    for path, text in targets.items():
        path.write_text(text, encoding="utf-8")
    return list(targets)


if __name__ == "__main__":  # pragma: no cover
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")
    for written in write_all(folder):
        print(f"wrote {written}")
    from .fact_fit import write as write_fact_fit

    print(f"wrote {write_fact_fit(folder.resolve().parent)}")
    from ..calibrate import calibrate, load_cases
    from ..calibrate.report import with_figures

    page = folder / "calibration.md"
    report = calibrate(load_cases(folder.resolve().parent / "calibration"))
    page.write_text(with_figures(page.read_text(encoding="utf-8"), report), encoding="utf-8")
    print(f"wrote {page} (cross-validated figures)")
