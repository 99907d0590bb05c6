"""JSON Schemas for the files readiness reads and the JSON it writes.

    readiness schema profile     # a council profile (YAML or JSON): editor completion and checking
    readiness schema rules       # a rule file (rules: [...])
    readiness schema assessment  # the JSON of `readiness check --format json`

Generated from the same pydantic models that validate the files, so they cannot drift.
"""

from __future__ import annotations

import json
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("profile", "rules", "assessment")


def json_schema(kind: str) -> dict[str, Any]:
    if kind == "profile":
        from .profile import Profile

        schema = Profile.model_json_schema(mode="validation")
        schema["title"] = "readiness council profile"
        # The loader ignores a top-level `$schema` key, so editors may point at this file with it.
        schema["properties"] = {"$schema": {"type": "string", "description": "Path or URL of this schema."},
                                **schema["properties"]}
    elif kind == "rules":
        from .rules import RuleFile

        schema = RuleFile.model_json_schema(mode="validation")
        schema["title"] = "readiness rule file"
    elif kind == "assessment":
        from .assessment import Assessment

        schema = Assessment.model_json_schema(mode="serialization")
        schema["title"] = "readiness assessment (JSON output)"
    else:
        raise ValueError(f"unknown schema {kind!r}; expected one of {', '.join(KINDS)}")
    return {"$schema": DIALECT, **schema}


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
