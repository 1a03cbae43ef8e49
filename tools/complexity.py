"""Complexity you can see (`make lint`): every function of the package, the tools and the bench
under 20 by radon's count (its cyclomatic complexity: branches, loops, boolean operators and
comprehensions each add one).  A function at 20 or more is listed, and the exit status is 1.

    python -m tools.complexity [PATH ...]       (default: pipeline tools bench)

Ruff's own check (C90, `max-complexity` in pyproject.toml) counts as mccabe does, leaving out
boolean operators and comprehensions; radon's count is the one the project holds itself to.
"""
from __future__ import annotations

import sys
from pathlib import Path

from radon.complexity import cc_visit

LIMIT = 20  # a function at this count or more is to be broken into named steps


def too_complex(paths: list[Path]) -> list[str]:
    """`file:line name (count)` for every function or method at LIMIT or more, in file order."""
    found = []
    for path in paths:
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            seen = set()
            for block in cc_visit(file.read_text(encoding="utf-8")):
                for item in [block, *getattr(block, "methods", [])]:
                    # a class's count is its methods' mean: they are seen
                    is_class = hasattr(item, "methods")
                    if item.complexity >= LIMIT and not is_class \
                            and (item.lineno, item.fullname) not in seen:
                        seen.add((item.lineno, item.fullname))
                        found.append(f"{file}:{item.lineno} {item.fullname} ({item.complexity})")
    return found


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [Path("pipeline"), Path("tools"), Path("bench")]
    found = too_complex(paths)
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} function(s) at radon complexity {LIMIT} or more: break each into "
              "named steps", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
