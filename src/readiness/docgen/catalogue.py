"""docs/rules.md: the rule catalogue, every rule of a pack in plain words."""

from __future__ import annotations

from typing import Any

from ..lang.describe import describe
from ..model.framework import framework

CATALOGUE_HEAD = """# Rule catalogue

Generated from the shipped pack (`rules/`) by `python -m readiness.docgen docs`: do not edit by
hand. Each rule says what it looks for (in plain words below; the YAML is the authority), the
quality statement and evidence category it speaks to, and whether it is a **shortfall** or a
**strength**. See `docs/rule-format.md` for how rules are written and `docs/scoring.md` for how
findings become scores. `readiness rules show ID` prints one rule.
"""


def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def rules_catalogue(pack: Any) -> str:
    """docs/rules.md: every rule of a pack, grouped by primary quality statement."""
    fw = framework()
    out = [CATALOGUE_HEAD]
    out.append(f"{len(pack.rules)} rules.\n")
    for qs in fw.statements:
        mine = sorted((r for r in pack.rules if r.statement == qs.id), key=lambda r: r.id)
        also = sorted((r for r in pack.rules if qs.id in r.statements[1:]), key=lambda r: r.id)
        out.append(f"\n## {qs.name} ({qs.code})\n")
        out.append(f"Theme: {fw.theme(qs.theme).name}. {len(mine)} rule(s) here"
                   + (f"; {len(also)} listed under other statements also count for it" if also else "") + ".\n")
        if not mine:
            continue
        out.append("| rule | kind | category | title |\n|---|---|---|---|")
        for r in mine:
            off = " (disabled)" if not r.enabled else ""
            out.append(f"| [`{r.id}`](#{r.id}) | {r.level} {r.kind} | {r.category} | {_md(r.title)}{off} |")
        for r in mine:
            out.append(f"\n### {r.id}\n")
            out.append(f"**{_md(r.title)}**. {r.level.capitalize()} {r.kind}, evidence category "
                       f"*{fw.category(r.category).name}*"
                       + (f"; also counts for {', '.join(fw.statement(s).name for s in r.statements[1:])}"
                          if len(r.statements) > 1 else "")
                       + ("; **disabled**" if not r.enabled else "") + ".\n")
            out.append("Fires when:\n\n```text\n" + describe(r.when) + "\n```\n")
            out.append(f"- **Message:** {_md(r.message)}")
            out.append(f"- **Why it matters:** {_md(r.why)}")
            out.append(f"- **What to do:** {_md(r.recommendation)}")
            out.append("- **References:** " + "; ".join(_md(ref) for ref in r.references))
    return "\n".join(out) + "\n"
