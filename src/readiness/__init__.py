"""readiness: how ready is a council's adult social care for the CQC assessment?

    import readiness
    profile = readiness.load_profile("examples/blackpool-2024.yaml")
    assessment = readiness.evaluate(profile, readiness.load_rules())
    print(assessment.overall.rating)

Heavy modules are imported on first use so that `readiness --help` stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model.release import __version__

__all__ = [
    "Assessment", "Profile", "ReadinessError", "RulePack", "ScoringPolicy", "Trend", "Waiver",
    "evaluate", "load_policy", "load_profile", "load_rules", "load_waivers", "shipped_pack_dir", "trend", "__version__",
]

_WHERE = {
    "Assessment": "model.assessment", "Profile": "model.profile", "ReadinessError": "model.errors",
    "RulePack": "model.rule", "ScoringPolicy": "model.policy", "Waiver": "model.waiver", "evaluate": "engine.assess",
    "load_policy": "io.policy", "load_profile": "io.profiles", "load_rules": "io.packs",
    "load_waivers": "io.waivers", "shipped_pack_dir": "io.packs", "trend": "engine.trend", "Trend": "engine.trend",
}

if TYPE_CHECKING:  # pragma: no cover
    from .model.assessment import Assessment
    from .engine.assess import evaluate
    from .model.errors import ReadinessError
    from .io.profiles import load_profile
    from .model.profile import Profile
    from .model.rule import RulePack
    from .io.packs import load_rules, shipped_pack_dir
    from .model.policy import ScoringPolicy
    from .io.policy import load_policy
    from .model.waiver import Waiver
    from .io.waivers import load_waivers
    from .engine.trend import Trend, trend


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'readiness' has no attribute {name!r}")
