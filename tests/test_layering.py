"""Imports point down only: model -> contract -> readers, normalize -> columns -> structure -> align -> ... -> cli.

Every `import` in every module (lazy ones inside functions too) is checked against the
layer table below.  Readers and normalisers share a level and must not import each other:
format quirks stay in the readers, string knowledge in the normalisers.
"""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
LAYERS = {
    "errors": 0, "version": 0, "knobs": 0, "enums": 0, "jsontext": 0,
    "model": 1, "contract": 2, "data": 2, "readers": 3, "normalize": 3,
    "lexical": 4, "columns": 4, "blocks": 5, "structure": 6, "align": 7,
    "records": 8, "corrections": 8, "settings": 8,
    "extract": 9, "isolate": 10, "writers": 10, "frames": 10, "evaluate": 10, "proposals": 10,
    "diff": 11, "batch": 11, "review": 11, "diffreport": 12, "inspection": 12,
    "cli": 13, "__init__": 14, "__main__": 14,
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


@pytest.mark.parametrize("path", sorted((PACKAGE / "readers").rglob("*.py")), ids=lambda p: p.name)
def test_readers_produce_the_model_only(path):
    """A reader's product is the intermediate model; the output contract is the stages' business."""
    assert not [t for t in internal_imports(path) if layer_of(t) == "contract"]
