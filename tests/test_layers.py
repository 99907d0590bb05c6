"""The layers the tree shows: each subpackage of readiness imports only its own layer and those below.

    lang  <  model  <  io  <  engine  <  reports, calibrate  <  docgen  <  readiness (the public API)  <  cli  <  __main__

Read from the source with `ast` (nothing is imported), so a lazy import inside a function counts
as much as one at the top of a module.
"""

from __future__ import annotations

import ast

from conftest import REPO

SRC = REPO / "src" / "readiness"
LAYERS = {"lang": 0, "model": 1, "io": 2, "engine": 3, "reports": 4, "calibrate": 4, "docgen": 5, "api": 6, "cli": 7,
          "__main__": 8}


def _module(path) -> list[str]:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _layer(parts: list[str]) -> tuple[str, int]:
    """('readiness', 'io', 'packs') -> ('io', 2); the root package (readiness/__init__.py, and any name
    imported from it such as __version__) is the public API, 'api'."""
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1], LAYERS[parts[1]]
    return "api", LAYERS["api"]


def _imports(path) -> list[tuple[int, list[str]]]:
    """Every readiness module a file imports, as (line, dotted parts)."""
    parts = _module(path)
    package = parts if path.name == "__init__.py" else parts[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name.split(".")) for a in node.names if a.name.split(".")[0] == "readiness"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "readiness":
                target = node.module.split(".")
            else:
                continue
            if len(target) == 1:  # `from . import x`, `from readiness import x`: x may be a subpackage
                out += [(node.lineno, target + [a.name]) for a in node.names]
            else:
                out.append((node.lineno, target))
    return out


def test_every_module_is_in_a_layer():
    stray = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
             if (len(p.relative_to(SRC).parts) == 1 and p.name not in ("__init__.py", "__main__.py"))
             or (len(p.relative_to(SRC).parts) > 1 and p.relative_to(SRC).parts[0] not in LAYERS)]
    assert not stray, f"modules outside the layers (put them in one of {sorted(LAYERS)}, or add a layer): {stray}"


def test_no_layer_imports_a_layer_above_it():
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        mine, rank = _layer(_module(path))
        for line, target in _imports(path):
            theirs, their_rank = _layer(target)
            if theirs == mine:
                continue
            if their_rank > rank or (their_rank == rank and theirs != mine):
                wrong.append(f"{path.relative_to(SRC)}:{line} ({mine}) imports {'.'.join(target)} ({theirs})")
    assert not wrong, "imports against the layer order:\n" + "\n".join(wrong)


def test_the_walk_sees_lazy_and_relative_imports(tmp_path):
    assert _layer(["readiness", "lang", "facts"]) == ("lang", 0)
    found = _imports(SRC / "engine" / "run.py")
    assert ["readiness", "io", "profiles"] in [t for _, t in found]  # imported inside run()
