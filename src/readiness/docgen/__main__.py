"""`python -m readiness.docgen [FOLDER]`: regenerate the reference pages (default: docs/)."""

import runpy

runpy.run_module("readiness.docgen.reference", run_name="__main__")
