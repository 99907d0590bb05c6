"""Keeping the models' pydantic schemas between runs, so that a command does not generate them
again in every process it starts.

pydantic builds a model class's core schema the first time the class is used (every model here
is `defer_build`): Python code walks every field, type and validator, about 60 ms for the
profile model alone, in every `readiness check`. The result is plain data (dicts, strings and
numbers, naming the model classes and validator functions), so it pickles. After a command has
run, `remember` keeps the schema of every readiness model it built (io.pack_cache: the same
trusted folder, key and reader); the next run of that command `install`s them on the classes
before any is used. pydantic then completes each class on first use exactly as it always does
(its validator, serializer and signature from the schema), except that its schema generator
finds the schema already on the class and uses it, as it does for any model already built.

Nothing else changes: a class that was not built last time, or that is already built, is left
to pydantic; a schema that does not pickle back equal to itself is not kept. This leans on how
pydantic keeps a deferred schema (a `MockCoreSchema` on the class until it is built), so it runs
only under the pydantic version it was checked with (PYDANTIC); under any other, or anything
unexpected, the models are built as usual. READINESS_NO_CACHE=1 switches it off with the pack cache.
"""

from __future__ import annotations

import pickle
import sys
from typing import Any

PYDANTIC = "2.14.4"  # the version whose deferred-build internals this was checked against
PACKAGE = "readiness"

Schemas = dict[tuple[str, str], dict[str, Any]]  # (module, qualified name) -> core schema

_installed: dict[str, Schemas] = {}  # per command: what `install` found, so `remember` rewrites only when more was built


def install(command: str) -> int:
    """Put the schemas kept from the last run of `command` on their (not yet built) classes; the
    number installed (0 when there is no entry, the cache is off, or pydantic is not PYDANTIC).
    Never an error: anything unexpected leaves the models to be built as usual."""
    try:
        return _install(command)
    except Exception:  # noqa: BLE001 - the cache is only ever a shortcut
        return 0


def remember(command: str) -> None:
    """Keep the schemas of the models built in this process for the next run of `command`, when
    it built one that the entry lacks (usually only the first run writes). Never an error."""
    try:
        _remember(command)
    except Exception:  # noqa: BLE001 - the cache is only ever a shortcut
        return


def _install(command: str) -> int:
    if not _supported():
        return 0
    from .pack_cache import load

    found = load(_kind(command))
    if not isinstance(found, dict):
        return 0
    _installed[command] = found
    count = 0
    for (module, name), schema in found.items():
        cls = _deferred_class(module, name)
        if cls is not None and type(schema) is dict:
            cls.__pydantic_core_schema__ = schema  # pydantic's schema generator takes it from here
            count += 1
    return count


def _remember(command: str) -> None:
    if not _supported():
        return
    kept = _installed.get(command, {})
    new = {key: cls for key, cls in built_classes().items() if key not in kept}
    schemas = {key: cls.__dict__["__pydantic_core_schema__"] for key, cls in new.items()}
    schemas = {key: schema for key, schema in schemas.items() if _keeps(schema)}
    if not schemas:
        return
    from .pack_cache import store

    kept = {**kept, **schemas}
    store(_kind(command), (), kept)
    _installed[command] = kept


def built_classes() -> dict[tuple[str, str], type]:
    """Every readiness model class whose schema pydantic has built, by (module, qualified name)."""
    from pydantic import BaseModel

    out: dict[tuple[str, str], type] = {}
    for cls in _subclasses(BaseModel):
        if (cls.__dict__.get("__pydantic_complete__") is True
                and type(cls.__dict__.get("__pydantic_core_schema__")) is dict
                and cls.__pydantic_generic_metadata__.get("origin") is None and _findable(cls)):
            out[(cls.__module__, cls.__qualname__)] = cls
    return out


def _keeps(schema: dict[str, Any]) -> bool:
    """Whether the schema pickles back equal to itself (a lambda or a local class in it does not)."""
    try:
        return pickle.loads(pickle.dumps(schema, protocol=pickle.HIGHEST_PROTOCOL)) == schema
    except Exception:  # noqa: BLE001 - not kept: built again next time, never an error
        return False


def _supported() -> bool:
    import pydantic

    return pydantic.VERSION == PYDANTIC


def _kind(command: str) -> str:
    return f"schemas-{command}"


def _deferred_class(module: str, name: str) -> Any:
    """The model class `module`.`name` if it is one of ours whose schema pydantic has not built
    yet (it holds pydantic's placeholders), else None."""
    from pydantic import BaseModel
    from pydantic._internal._mock_val_ser import MockCoreSchema, MockValSer
    from pydantic_core import PydanticUndefined

    if module != PACKAGE and not module.startswith(PACKAGE + "."):
        return None
    cls = _lookup(module, name)
    if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or not _findable(cls):
        return None
    if (cls.__dict__.get("__pydantic_complete__") is not False or not cls.__pydantic_fields_complete__
            or not isinstance(cls.__dict__.get("__pydantic_core_schema__"), MockCoreSchema)
            or not isinstance(cls.__dict__.get("__pydantic_validator__"), MockValSer)):
        return None
    # pydantic fills in a computed field's return type while generating the schema; one not given
    # up front would stay unfilled when the schema is taken as built (model.profile gives them all)
    if any(d.info.return_type is PydanticUndefined for d in cls.__pydantic_decorators__.computed_fields.values()):
        return None
    return cls


def _lookup(module: str, name: str) -> Any:
    import importlib

    try:
        found: Any = sys.modules.get(module) or importlib.import_module(module)
        for part in name.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError):
        return None
    return found


def _findable(cls: type) -> bool:
    """Defined in readiness at the top of a module or inside a class (not in a function), so that
    the class found again by its names is this one."""
    return (cls.__module__.split(".")[0] == PACKAGE and "<locals>" not in cls.__qualname__
            and _lookup(cls.__module__, cls.__qualname__) is cls)


def _subclasses(root: type) -> list[type]:
    seen: dict[type, None] = {}
    stack = list(root.__subclasses__())
    while stack:
        cls = stack.pop()
        if cls not in seen:
            seen[cls] = None
            stack += cls.__subclasses__()
    return list(seen)
