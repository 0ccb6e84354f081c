"""Run many ``cypp load`` commands in one process: the same command code, one start-up.

Preparing a nation's warehouse takes about three hundred ``cypp load`` commands (SSDA903 and
the census per council); each new process spends seconds importing before it loads
anything. The load benchmark times the commands as a user runs them; the other benchmarks
only need the warehouse, which this makes with the same commands, in one process.

    python -m benchmarks.load_all HOME COMMANDS.json   # COMMANDS: a list of argument lists
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    home, commands = Path(argv[0]), json.loads(Path(argv[1]).read_text())
    os.chdir(home)  # the warehouse's cypp.toml is read from the working folder
    from cypp.cli import app

    for args in commands:
        app(args, standalone_mode=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
