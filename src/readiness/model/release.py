"""The version of readiness (written into every Assessment as `tool_version`)."""

__version__ = "0.1.0"
