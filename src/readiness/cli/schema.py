"""`readiness schema profile|rules|assessment`: a JSON Schema."""

from __future__ import annotations

import argparse
from typing import Any

from .common import EXIT_OK, output_option, sub_parser, write_output


def register(sub: Any) -> None:
    schema = sub_parser(sub, "schema", "print a JSON Schema: profile, rules (rule files) or assessment (JSON output)")
    schema.add_argument("kind", choices=["profile", "rules", "assessment"])
    output_option(schema)
    schema.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..io.schemas import schema_text

    write_output(schema_text(args.kind), args.output, [])
    return EXIT_OK


