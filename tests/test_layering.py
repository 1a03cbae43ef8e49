"""Imports point down only: readers -> model -> normalize -> layout -> align -> ... -> cli.

Every `import` in every module (lazy ones inside functions too) is checked against the
layer table below.  Readers and normalisers share a level and must not import each other:
format quirks stay in the readers, string knowledge in the normalisers.
"""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
LAYERS = {
    "errors": 0, "version": 0, "model": 1, "data": 1, "readers": 2, "normalize": 2, "lexical": 3, "blocks": 4,
    "structure": 5, "align": 6, "records": 7, "corrections": 7, "extract": 8, "writers": 9, "frames": 9,
    "evaluate": 9, "proposals": 9, "diff": 10, "batch": 10, "review": 10, "diffreport": 11, "cli": 12,
    "__init__": 13, "__main__": 13,
}


def layer_of(module: str) -> str:
    return module.split(".")[0]


def internal_imports(path: Path) -> list[str]:
    """Modules of the package that `path` imports, as dotted names relative to `pipeline`."""
    here = path.relative_to(PACKAGE).with_suffix("").parts
    package = here[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                target = base + (node.module.split(".") if node.module else [])
                names = [".".join(target)] if node.module else [".".join(target + [a.name]) for a in node.names]
                out.extend(n for n in names if n)
            elif node.module and node.module.startswith("pipeline."):
                out.append(node.module[len("pipeline."):])
        elif isinstance(node, ast.Import):
            out.extend(a.name[len("pipeline."):] for a in node.names if a.name.startswith("pipeline."))
    return out


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path):
    source = layer_of(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    for target in internal_imports(path):
        t = layer_of(target)
        assert t in LAYERS, f"{target} is not in the layer table"
        if t == source:
            continue
        assert LAYERS[t] < LAYERS[source], \
            f"{path.name} ({source}, layer {LAYERS[source]}) imports {target} ({t}, layer {LAYERS[t]})"
