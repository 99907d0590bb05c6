"""`python -m readiness`: the same as the `readiness` command."""

import sys

from .cli.main import main

sys.exit(main())
