"""The package's rooms keep their rules: few top-level modules, pure engines, no cycles,
and no view module importing another (ARCHITECTURE.md says why)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "matcher"
AUDIENCES = ("auth", "defender", "firm", "coordinator", "admin")
# What every module of an audience may share with the others of its package.
SHARED_BY_VIEWS = ("blueprint", "forms")
ENGINES = ("matcher.conflicts.engine", "matcher.matching.engine")
WEB_AND_DATABASE = {"flask", "flask_login", "flask_wtf", "flask_sqlalchemy", "sqlalchemy", "wtforms"}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imports(name: str) -> set[str]:
    """Every module ``name`` imports, at the top or inside a function, absolute or relative."""
    path = MODULES[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1] + [node.module or ""]).strip(".") \
                if node.level else node.module or ""
            found.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                         for alias in node.names)
    return found


def _internal(name: str) -> set[str]:
    """The package's own modules that ``name`` imports (a name imported from a package counts as the package)."""
    targets = set()
    for target in _imports(name):
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        if target and target != name:
            targets.add(target)
    return targets


def test_the_package_has_few_top_level_modules():
    top_level = sorted(path.name for path in PACKAGE.glob("*.py") if path.name != "__init__.py")
    assert len(top_level) <= 8, top_level


@pytest.mark.parametrize("engine", ENGINES)
def test_an_engine_imports_neither_the_web_nor_the_database_nor_the_app(engine):
    inside = [name for name in MODULES if name == engine or name.startswith(engine + ".")]
    assert inside
    for name in inside:
        outside = {t for t in _internal(name) if not (t == engine or t.startswith(engine + "."))}
        assert not outside, f"{name} imports {outside}"
        assert not {t.split(".")[0] for t in _imports(name)} & WEB_AND_DATABASE, name


def test_no_view_module_imports_another():
    def is_view(name):
        parts = name.split(".")
        return len(parts) == 3 and parts[1] in AUDIENCES and parts[2] not in SHARED_BY_VIEWS

    views = [name for name in MODULES if is_view(name)]
    assert views
    crossing = sorted(f"{v} -> {t}" for v in views for t in _internal(v) if is_view(t))
    assert not crossing


def test_no_module_imports_itself_back():
    graph = {name: _internal(name) for name in MODULES}
    seen, on_path, cycles = set(), [], []

    def visit(name):
        if name in on_path:
            cycles.append(on_path[on_path.index(name):] + [name])
            return
        if name in seen:
            return
        seen.add(name)
        on_path.append(name)
        for target in sorted(graph[name]):
            visit(target)
        on_path.pop()

    for name in sorted(graph):
        visit(name)
    assert not cycles, [" -> ".join(cycle) for cycle in cycles]
