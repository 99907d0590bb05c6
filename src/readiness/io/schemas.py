"""JSON Schemas for the files readiness reads and the JSON it writes.

    readiness schema profile     # a council profile (YAML or JSON): editor completion and checking
    readiness schema rules       # a rule file (rules: [...])
    readiness schema assessment  # the JSON of `readiness check --format json`

Generated from the same pydantic models that validate the files, so they cannot drift.
Copies live in docs/schema/; regenerate them with `python -m readiness.io.schemas`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("profile", "rules", "assessment")
# Python class -> the name a rule author knows it by (the `count:` node is CountOf in the code, so that
# it does not clash with the profile's Count of people; the published schema keeps calling it Count).
SCHEMA_NAMES = {"CountOf": "Count"}


def _generator() -> Any:
    from pydantic.json_schema import GenerateJsonSchema

    class Names(GenerateJsonSchema):
        def normalize_name(self, name: str) -> str:
            return super().normalize_name(SCHEMA_NAMES.get(name, name))

    return Names


def json_schema(kind: str) -> dict[str, Any]:
    if kind == "profile":
        from ..model.profile import Profile

        schema = Profile.model_json_schema(mode="validation")
        schema["title"] = "readiness council profile"
        # The loader ignores a top-level `$schema` key, so editors may point at this file with it.
        schema["properties"] = {"$schema": {"type": "string", "description": "Path or URL of this schema."},
                                **schema["properties"]}
    elif kind == "rules":
        from ..model.rule import RuleFile

        schema = RuleFile.model_json_schema(mode="validation", schema_generator=_generator())
        schema["title"] = "readiness rule file"
    elif kind == "assessment":
        from ..model.assessment import Assessment

        schema = Assessment.model_json_schema(mode="serialization")
        schema["title"] = "readiness assessment (JSON output)"
        # to_json() writes every field, defaults included: say so, so tools can rely on them.
        for part in [schema, *schema.get("$defs", {}).values()]:
            if "properties" in part:
                part["required"] = list(part["properties"])
    else:
        raise ValueError(f"unknown schema {kind!r}; expected one of {', '.join(KINDS)}")
    return {"$schema": DIALECT, **schema}


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_all(folder: Path) -> list[Path]:
    """docs/schema/*.schema.json: the published copies (a test checks they are current)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "docs" / "schema"
    for done in write_all(target):
        print(f"wrote {done}")
