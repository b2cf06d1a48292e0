"""The package's structure: no reaching into Model's privates, no import cycles, the documented layer order."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "avzone"
DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _model_privates() -> set[str]:
    """Private attribute names of the Model class: methods, properties and attributes set on self."""
    tree = ast.parse((SRC / "model.py").read_text(encoding="utf-8"))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Model")
    names = set()
    for node in ast.walk(cls):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("_"):
            names.add(node.name)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            if node.attr.startswith("_"):
                names.add(node.attr)
    return {n for n in names if not (n.startswith("__") and n.endswith("__"))}


def test_model_has_private_state_to_protect():
    privates = _model_privates()
    assert {"_raw", "_zone_index", "_edges", "_zone_geometries"} <= privates


def test_no_module_outside_model_touches_a_model_private_attribute():
    privates = _model_privates()
    offenders = []
    for name, path in _modules().items():
        if name == "avzone.model":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in privates:
                # self._x inside another class is that class's own attribute
                if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                    continue
                offenders.append(f"{path.relative_to(SRC.parent)}:{node.lineno}: .{node.attr}")
    assert not offenders, "Model privates used outside model.py:\n" + "\n".join(offenders)


def test_public_read_only_properties(model):
    for name in ("zone_index", "zone_geometries", "edges", "bounds", "zone_titles", "hub_points"):
        getattr(model, name)
        with pytest.raises(AttributeError):
            setattr(model, name, None)
    with pytest.raises(TypeError):
        model.edges["current"] = None  # a read-only mapping


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, module: str, known: set[str], top_level_only: bool) -> set[str]:
    """Package modules imported by ``module`` at run time (not under ``if TYPE_CHECKING``)."""
    out: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for sub in child.orelse:
                    visit(sub, in_function)
                continue
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, (ast.Import, ast.ImportFrom)) and not (top_level_only and in_function):
                targets = []
                if isinstance(child, ast.Import):
                    targets = [a.name for a in child.names]
                else:
                    base = child.module or ""
                    if child.level:
                        root = package.split(".")
                        root = root[: len(root) - child.level + 1]
                        base = ".".join([*root, base]) if base else ".".join(root)
                    targets = [base] + [f"{base}.{a.name}" for a in child.names]
                for t in targets:
                    while t and t not in known:
                        t = t.rpartition(".")[0]
                    if t and t != module and t != "avzone":
                        out.add(t)
            visit(child, nested)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return out


def _graph(top_level_only: bool) -> dict[str, set[str]]:
    mods = _modules()
    return {m: _imports(p, m, set(mods), top_level_only) for m, p in mods.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                return [*stack[stack.index(n) :], n]
            if n not in state:
                found = dfs(n)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            found = dfs(m)
            if found:
                return found
    return None


def test_no_import_cycles():
    """Every run-time import counts, lazy ones inside functions included."""
    cycle = _cycle(_graph(top_level_only=False))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def _documented_order() -> list[str]:
    """Module names in the order docs/architecture.md lists them."""
    block = DOC.read_text(encoding="utf-8").split("```")[1]
    order = []
    for line in block.splitlines():
        m = re.match(r"\s+([a-z_]+)(\.py|/)\s", line + " ")
        if m:
            order.append(f"avzone.{m.group(1)}")
    return order


def test_modules_import_only_modules_above_them_in_the_documented_order():
    """The layer order of docs/architecture.md, for module-level imports (the model's lazy calls down aside)."""
    order = _documented_order()
    assert "avzone.points" in order and "avzone.locate" in order and "avzone.service" in order
    rank = {m: i for i, m in enumerate(order)}
    graph = _graph(top_level_only=True)
    wrong = []
    for module, deps in graph.items():
        top = ".".join(module.split(".")[:2])
        if top not in rank:
            continue
        for dep in deps:
            dtop = ".".join(dep.split(".")[:2])
            if dtop in rank and dtop != top and rank[dtop] > rank[top]:
                wrong.append(f"{module} imports {dep}, listed below it")
    assert not wrong, "\n".join(wrong)


def test_the_service_has_no_locator_of_its_own():
    """The HTTP service answers through avzone.locate: no geometry or geodesy code of its own."""
    mods = _modules()
    for name, path in mods.items():
        if not name.startswith("avzone.service"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not imported & {"shapely", "avzone.geodesy", "avzone._grid"}, (name, imported)
    assert "avzone.service.locator" not in mods
