"""The repository's Python source as the code-shape and import-rule tests read it: files, their
module names, their functions and their imports, from ``ast`` alone (nothing is imported)."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from support.paths import REPO

#: Where each package's source lives, by its top-level module name.
PACKAGE_ROOTS = {"quotes": REPO / "client", "quotes_service": REPO / "service", "quotes_tools": REPO / "tools"}
#: The Python source the shape rules cover.
SOURCE_ROOTS = ("service", "client", "tools", "tests", "deploy")
#: Written by grpcio-tools from the proto (``make proto``), not by hand.
GENERATED = REPO / "client" / "quotes" / "v1"


@dataclass(frozen=True)
class Import:
    module: str          #: the module imported, resolved: "quotes.types" for ``from quotes import types``
    line: int
    in_function: bool    #: inside a def (run when called), not when the module is imported
    type_only: bool = False   #: under ``if TYPE_CHECKING:``: never run


def python_files(*roots: str, generated: bool = False) -> list[Path]:
    files = []
    for root in roots:
        for path in sorted((REPO / root).rglob("*.py")):
            if generated or GENERATED not in path.parents:
                files.append(path)
    return files


def relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


@lru_cache(maxsize=None)
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def module_name(path: Path) -> str | None:
    """"quotes.cli.local" for client/quotes/cli/local.py; None outside the three packages."""
    for top, root in PACKAGE_ROOTS.items():
        if root / top in path.parents:
            parts = list(path.relative_to(root).with_suffix("").parts)
            return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    return None


def module_path(name: str) -> Path | None:
    """The file of a module of this repository, or None."""
    top = name.split(".")[0]
    if top not in PACKAGE_ROOTS:
        return None
    base = PACKAGE_ROOTS[top].joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def functions(path: Path) -> list[tuple[str, int, int]]:
    """(qualified name, first line, number of lines) of every function and method, nested ones too."""
    out: list[tuple[str, int, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = prefix + child.name
                out.append((name, child.lineno, child.end_lineno - child.lineno + 1))
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(tree(path), "")
    return out


def imports(path: Path) -> list[Import]:
    """Every import statement of the file, resolved to module names."""
    package = (module_name(path) or "").rpartition(".")[0] if path.name != "__init__.py" else module_name(path) or ""
    out: list[Import] = []

    def visit(node: ast.AST, in_function: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                out.extend(Import(alias.name, child.lineno, in_function, type_only) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[:len(package.split(".")) - child.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    # ``from quotes import types`` imports the module quotes.types; ``from quotes
                    # import QuoteClient`` a name of the package quotes.
                    out.append(Import(sub if module_path(sub) else base, child.lineno, in_function, type_only))
            visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)),
                  type_only or _is_type_checking(child))

    visit(tree(path), False, False)
    return out


def _is_type_checking(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def loaded_at_import(name: str) -> set[str]:
    """The modules importing ``name`` runs, itself included: its module-level imports (not those
    inside functions, nor type-only ones) and theirs, with every parent package's ``__init__``,
    through this repository's modules. Modules from elsewhere are in the set but not followed."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        parts = current.split(".")
        for n in range(1, len(parts) + 1):
            module = ".".join(parts[:n])
            if module in seen:
                continue
            seen.add(module)
            path = module_path(module)
            if path is not None:
                todo.extend(i.module for i in imports(path) if not i.in_function and not i.type_only)
    return seen
