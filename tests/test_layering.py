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
# a layer that is a package of modules has its own order inside: each module imports only the
# modules before it; two at one level import neither the other (the hierarchy is given a grid's
# columns by role and never reads the header words)
INNER = {
    "structure": {"header": 0, "hierarchy": 0, "labelled": 1, "refusal": 1, "plans": 2,
                  "__init__": 3},
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


INNER_MODULES = [(layer, path) for layer in INNER for path in sorted((PACKAGE / layer).glob("*.py"))]


@pytest.mark.parametrize(("layer", "path"), INNER_MODULES, ids=lambda x: getattr(x, "name", x))
def test_imports_inside_a_package_point_down(layer, path):
    order = INNER[layer]
    assert path.stem in order, f"{layer}/{path.name} is not in its package's order (INNER)"
    for target in internal_imports(path):
        parts = target.split(".")
        if parts[0] != layer:
            continue
        module = parts[1] if len(parts) > 1 else "__init__"
        assert module in order, f"{target} is not in its package's order (INNER)"
        assert order[module] < order[path.stem], \
            f"{layer}/{path.name} (level {order[path.stem]}) imports {target} (level {order[module]})"
