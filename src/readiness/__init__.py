"""readiness: how ready is a council's adult social care for the CQC assessment?

    import readiness
    profile = readiness.load_profile("examples/blackpool-2024.yaml")
    assessment = readiness.evaluate(profile, readiness.load_rules())
    print(assessment.overall.rating)

Heavy modules are imported on first use so that `readiness --help` stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Assessment", "Profile", "ReadinessError", "RulePack", "ScoringPolicy", "Waiver",
    "evaluate", "load_policy", "load_profile", "load_rules", "load_waivers", "shipped_pack_dir", "__version__",
]

_WHERE = {
    "Assessment": "assessment", "Profile": "profile", "ReadinessError": "errors", "RulePack": "rules",
    "ScoringPolicy": "scoring", "Waiver": "waivers", "evaluate": "engine", "load_policy": "scoring",
    "load_profile": "loading", "load_rules": "rules", "load_waivers": "waivers", "shipped_pack_dir": "rules",
}

if TYPE_CHECKING:  # pragma: no cover
    from .assessment import Assessment
    from .engine import evaluate
    from .errors import ReadinessError
    from .loading import load_profile
    from .profile import Profile
    from .rules import RulePack, load_rules, shipped_pack_dir
    from .scoring import ScoringPolicy, load_policy
    from .waivers import Waiver, load_waivers


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'readiness' has no attribute {name!r}")
