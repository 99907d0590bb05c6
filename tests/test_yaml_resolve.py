"""The loader tells a plain scalar's type with its own tables (io.yamlfile._resolve) and skips the
path-resolver hooks: every node must still get exactly the tag PyYAML's SafeLoader gives it."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from test_yaml_plain import EDGE_CASES, YAML_FILES, block
from readiness.io import yamlfile

# PyYAML's own safe loader on the same parser (C when available), with its own resolver
REFERENCE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def tags(loader_class: type, text: str):
    """Every node's kind, tag and value, in document order, or the error's type and words."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__, str(exc))
    finally:
        loader.dispose()
    out, stack, seen = [], [root] if root is not None else [], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: the node it names was listed (and may hold itself)
            out.append(("alias", node.tag))
            continue
        seen.add(id(node))
        out.append((type(node).__name__, node.tag, node.value if isinstance(node, yaml.ScalarNode) else None))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
    return out


def test_the_loader_keeps_pyyamls_hooks_out_of_the_way_only_without_path_resolvers():
    assert not yamlfile._Loader.yaml_path_resolvers
    assert yamlfile._Loader.resolve is yamlfile._resolve and REFERENCE.resolve is not yamlfile._resolve


def test_the_pure_python_parser_calls_the_hooks_the_same_way():
    """Without PyYAML's C part, the same hooks are called by its Python composer."""
    class PurePython(yaml.SafeLoader):
        resolve, descend_resolver, ascend_resolver = (yamlfile._Loader.resolve, yamlfile._Loader.descend_resolver,
                                                      yamlfile._Loader.ascend_resolver)

    for text in EDGE_CASES:
        assert tags(PurePython, text) == tags(yaml.SafeLoader, text), text


def test_every_yaml_file_here_gets_the_safe_loaders_tags():
    assert len(YAML_FILES) > 50
    for path in YAML_FILES:
        text = path.read_text(encoding="utf-8")
        assert tags(yamlfile._Loader, text) == tags(REFERENCE, text), path


def test_edge_cases_get_the_safe_loaders_tags():
    for text in EDGE_CASES + ["", "''", '""', "- ''\n- \"\"\n- ~\n- \n", "? \n: x\n", "a: !!str\n"]:
        assert tags(yamlfile._Loader, text) == tags(REFERENCE, text), text


# Plain scalars made of the characters the implicit resolvers look at (digits, signs, dots,
# colons, the letters of true/yes/null/inf/nan...), as values, keys and list items, plain and quoted.
_WORDS = st.sampled_from(["yes", "Yes", "YES", "no", "On", "off", "true", "False", "y", "n", "null", "Null", "NULL",
                          "~", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "0b101", "0x1f", "0o17", "017", "1_000",
                          "190:20:30", "1:30.5", "2024-02-29", "2024-2-9 1:02:03", "2024-02-29T10:00:00Z", "=", "<<"])
_TOKENS = st.one_of(_WORDS, st.text(alphabet="0123456789+-._:eEtTyYnNoOfFxXb ~", min_size=1, max_size=10))


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKENS, min_size=1, max_size=6), st.sampled_from(["plain", "'single'", '"double"']))
def test_random_scalars_get_the_safe_loaders_tags(tokens, quoting):
    def written(token: str) -> str:
        token = token.strip() or "x"
        if quoting == "'single'":
            return "'" + token.replace("'", "''") + "'"
        if quoting == '"double"':
            return '"' + token.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return token

    values = [written(t) for t in tokens]
    texts = ["\n".join(f"- {v}" for v in values),
             "{" + ", ".join(f"{v}: {w}" for v, w in zip(values, reversed(values))) + "}",
             "\n".join(f"k{i}: {v}" for i, v in enumerate(values))]
    for text in texts:
        assert tags(yamlfile._Loader, text) == tags(REFERENCE, text), text


@settings(max_examples=200, deadline=None)
@given(block(0))
def test_random_documents_get_the_safe_loaders_tags(text):
    assert tags(yamlfile._Loader, text) == tags(REFERENCE, text)
