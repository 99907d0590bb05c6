"""Loading a council profile from a file (any registered input format) or from a dict."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..model.errors import Problem, ProfileError
from ..model.profile import Profile
from ..model.versions import upgrade
from .documents import Document
from .formats import input_format
from .yamlfile import gc_paused


def load_profile(source: str | Path | Mapping[str, Any] | Profile) -> Profile:
    """A validated Profile. Errors name the file, the line, the field and what was expected."""
    if isinstance(source, Profile):
        return source
    # One pause of the collector for the whole load: re-enabled between the parse and the
    # validation, it would walk the whole new tree once more (io.yamlfile.gc_paused).
    with gc_paused():
        if isinstance(source, Mapping):
            return _validate(Document(dict(source)))
        path = Path(source)
        return _validate(input_format(path).read(path, ProfileError))


def _validate(doc: Document) -> Profile:
    data = doc.data
    if not isinstance(data, dict):
        raise ProfileError(Problem("expected a profile: named sections starting with 'council:'", file=doc.file, line=1))
    data.pop("$schema", None)
    return doc.validate(Profile, ProfileError, upgrade(data))


def profile_yaml(profile: Profile, comment: str | None = None) -> str:
    """`profile` as YAML that loads back to the same profile: every given fact and its source,
    nothing that is only a default, nothing the model computes (a partial date is written as
    its text, "2024-05")."""
    import yaml

    data = profile.model_dump(exclude_defaults=True, exclude_computed_fields=True)
    head = "".join(f"# {line}\n" for line in (comment or "").splitlines())
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
