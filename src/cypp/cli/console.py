"""Shared rich consoles: results to stdout, messages to stderr; long lines never wrapped."""

from __future__ import annotations

import sys

from rich.console import Console

# Piped output (scripts, tests) gets a wide virtual terminal so trees and tables are not cropped.
_width = None if sys.stdout.isatty() else 200
console = Console(soft_wrap=True, highlight=False, width=_width)
err_console = Console(stderr=True, soft_wrap=True, highlight=False)
