"""Every icon the app draws comes with the app: a Material icon (its font ships with
Streamlit), never an emoji, which an office computer without an emoji font shows as an empty
box (the approval badge's hourglass did)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "dashboard.py", *sorted((ROOT / "ui").rglob("*.py")),
           *sorted((ROOT / "pages").rglob("*.py"))]  # fmt: skip


def icons(source: str) -> list[tuple[int, str]]:
    """Icon strings in a module's source: `icon=` arguments given as text, and the icons of tables
    of pages and buttons (strings that start with a colon and end with one)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.keyword) and node.arg == "icon":
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                found.add((node.value.lineno, node.value.value))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if len(text) > 2 and text.startswith(":") and text.endswith(":") and " " not in text:
                found.add((node.lineno, text))
    return sorted(found)


def test_every_icon_is_a_material_icon():
    wrong = [f"{path.relative_to(ROOT)}:{line} {icon!r}"
             for path in SOURCES for line, icon in icons(path.read_text())
             if not icon.startswith(":material/")]  # fmt: skip
    assert not wrong, wrong
    assert sum(len(icons(path.read_text())) for path in SOURCES) > 20  # the walk finds the icons


def test_an_emoji_icon_is_caught():
    assert icons('st.badge("x", icon="⏳")\nPAGES = [("p.py", ":material/home:")]') == [
        (1, "⏳"),
        (2, ":material/home:"),
    ]
