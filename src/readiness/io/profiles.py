"""Loading a council profile from a YAML or JSON file, or from a dict."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..model.errors import Problem, ProfileError
from ..model.profile import Profile
from .validation import problems_from
from .yamlfile import parse, read_text


def load_profile(source: str | Path | Mapping[str, Any] | Profile) -> Profile:
    """A validated Profile. Errors name the file, the line, the field and what was expected."""
    if isinstance(source, Profile):
        return source
    if isinstance(source, Mapping):
        return _validate(dict(source), text=None, file=None)
    path = Path(source)
    text = read_text(path, ProfileError)
    data = parse(text, str(path), ProfileError)
    return _validate(data, text=text, file=str(path))


def _validate(data: Any, *, text: str | None, file: str | None) -> Profile:
    if not isinstance(data, dict):
        raise ProfileError(Problem("expected a profile: named sections starting with 'council:'", file=file, line=1))
    data.pop("$schema", None)
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(problems_from(exc, Profile, text=text, file=file)) from None
