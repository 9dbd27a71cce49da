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
