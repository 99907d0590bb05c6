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


def load_profile(source: str | Path | Mapping[str, Any] | Profile) -> Profile:
    """A validated Profile. Errors name the file, the line, the field and what was expected."""
    if isinstance(source, Profile):
        return source
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
    nothing that is only a default, nothing the model computes."""
    import yaml

    data = _plain(profile.model_dump(exclude_defaults=True, exclude_computed_fields=True))
    head = "".join(f"# {line}\n" for line in (comment or "").splitlines())
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _plain(value: Any) -> Any:
    """Partial dates as YAML writes them: a whole date as a date, a month or a year as text."""
    from datetime import date

    from ..lang.dates import PartialDate

    if isinstance(value, PartialDate):
        return date(value.year, value.month, value.day) if value.precision == "day" else value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
