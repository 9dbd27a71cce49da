"""Data flows one way: pages hold no SQL, pure packages know nothing of Streamlit."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SQL = re.compile(
    r"\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b", re.I
)


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


PAGES = sorted(ROOT.glob("pages/*.py")) + [ROOT / "dashboard.py"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_pages_hold_no_sql_and_no_sqlalchemy(path):
    assert not imports(path) & {"sqlalchemy", "sqlite3", "psycopg", "data_access"}
    assert not [s for s in strings(path) if SQL.search(s)]


@pytest.mark.parametrize("package", ["core", "data_access", "seed_data"])
def test_pure_packages_do_not_import_streamlit(package):
    for path in (ROOT / package).rglob("*.py"):
        assert "streamlit" not in imports(path), path


def test_core_holds_no_sql():
    for path in (ROOT / "core").rglob("*.py"):
        assert "sqlalchemy" not in imports(path), path


def test_layering_check_would_catch_sql(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('import sqlalchemy\nq = "SELECT * FROM partner"\n')
    assert "sqlalchemy" in imports(bad) and any(SQL.search(s) for s in strings(bad))


def test_every_module_opens_with_a_docstring():
    for folder in ("core", "data_access", "ui", "pages", "seed_data"):
        for path in (ROOT / folder).rglob("*.py"):
            if "versions" in path.parts:  # migrations: alembic's own header
                continue
            if path.name == "__init__.py" and not path.read_text().strip():
                continue
            assert ast.get_docstring(ast.parse(path.read_text())), path


# --- the house: domain packages ------------------------------------------------------------

LAYERS = ("core", "data_access", "ui")
# The domains, spelled the same in every layer that has code of theirs; and the shared
# plumbing of one layer each, which any domain of that layer may use.
DOMAINS = {"figures", "reporting", "assessment", "imports", "registry", "accounts", "mail", "demo"}
SHARED = {"core": {"text"}, "data_access": {"store"}, "ui": {"frame"}}
NOT_CODE = {"data_access": {"models", "migrations"}, "ui": {"assets"}, "core": set()}
# What one domain may take from another: a named, small surface per domain (module paths
# inside the layer). Anything else crossing between siblings goes through one of these.
SURFACE = {
    "core": {
        "figures": {"periods", "completeness", "deliverables"},
        "assessment": {"instrument"},
        "imports": {"import_files", "import_kinds"},
    },
    "data_access": {
        "accounts": {"accounts"},
        "demo": {"demo"},
        "figures": {"summaries"},
        "mail": {"notifications"},
        "registry": {"reference_areas", "targets"},
        "reporting": {"submissions", "home"},
    },
    "ui": {
        "accounts": {"auth"},
        "figures": {"charts", "compute"},
        "imports": {"importer"},
    },
}


def _domains(layer: str) -> set[str]:
    return {p.name for p in (ROOT / layer).iterdir() if p.is_dir() and p.name != "__pycache__"}


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_is_cut_into_the_same_domains_and_no_folder_is_crowded(layer):
    domains = _domains(layer) - NOT_CODE[layer]
    assert domains <= DOMAINS | SHARED[layer], domains - DOMAINS - SHARED[layer]
    assert [p.name for p in (ROOT / layer).glob("*.py")] == ["__init__.py"]
    for folder in [ROOT / layer, *(ROOT / layer / d for d in domains)]:
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        assert len(modules) <= 15, (folder, len(modules))
    for domain in domains:
        assert ast.get_docstring(ast.parse((ROOT / layer / domain / "__init__.py").read_text()))


def _crossings(layer: str):
    """(file, its domain, the domain it imports from, the module) for every import of a
    sibling domain's module within `layer`."""
    for path in sorted((ROOT / layer).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 3 or parts[1] in NOT_CODE[layer]:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                seg = name.split(".")
                if seg[0] == layer and len(seg) >= 3 and seg[1] != parts[1]:
                    yield path.relative_to(ROOT), parts[1], seg[1], seg[2]


@pytest.mark.parametrize("layer", LAYERS)
def test_sibling_domains_meet_only_through_their_named_surface(layer):
    wrong = [
        f"{path} imports {layer}.{target}.{module}"
        for path, _, target, module in _crossings(layer)
        if target not in SHARED[layer] and module not in SURFACE[layer].get(target, set())
    ]
    assert wrong == []
    for domain, modules in SURFACE[layer].items():
        assert len(modules) <= 3, (layer, domain)  # small, or the cut is wrong
        for module in modules:
            assert (ROOT / layer / domain / f"{module}.py").exists(), (layer, domain, module)


def test_the_crossing_check_sees_a_crossing():
    found = list(_crossings("data_access"))
    assert any(t == "store" for _, _, t, _ in found)
    assert any(t == "mail" and m == "notifications" for _, _, t, m in found)


# Generators of the demo and national data sets write long tables of rows; migrations are
# history. Everything else is read by people, a step at a time.
LONG_ALLOWED = (
    "seed_data/",
    "data_access/migrations/",
    "data_access/demo/demo.py",
    "data_access/demo/demo_assessments.py",
    "data_access/demo/demo_records.py",
)


def long_functions(limit: int = 60) -> list[str]:
    found = []
    for folder in ("core", "data_access", "ui", "pages", "briefing", "notifications",
                   "benchmarks", "seed_data"):  # fmt: skip
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(LONG_ALLOWED):
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    length = node.end_lineno - node.lineno + 1
                    if length > limit:
                        found.append(f"{relative}:{node.name} ({length} lines)")
    return found


def test_no_function_is_over_sixty_lines():
    assert long_functions() == []


def test_the_length_check_sees_a_long_function():
    assert any("seed" not in f for f in long_functions(limit=30))
