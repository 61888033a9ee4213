"""Which room may import which, read from the source with ``ast`` (tests/support/source.py):
nothing is imported, so a rule broken in a module that cannot even be imported here still shows.

* The service (quotes_service) takes from the client package only the records and the contract:
  ``quotes.types`` (the plain records extraction returns), ``quotes.convert`` (the one seam between
  records and protobuf), ``quotes.v1`` (the generated messages) and ``quotes.wire``. quotes.wire is
  there for one reason: the service's name and method paths, read from the generated descriptor,
  are defined once, in it, and the server registers, guards and reports health under those names
  rather than writing "quotes.v1.QuoteService" again. wire imports nothing of the client's but
  quotes.v1; the rest of it (request building, retry pacing) the server does not call. Nothing of
  the client's behaviour (client, aio, channel, errors, cli) may be imported by the service.
* In the client, only the CLI's door (``quotes/cli/local.py``) imports quotes_service, and only
  inside functions, so every module of the base install (no spaCy) can be imported.
* The client never imports spaCy, and quotes_tools (the developers' tools, not in its wheel) only
  inside the functions of the commands that need them (``quotes eval``, ``quotes bench``).
* Extraction (quotes_service/extract/) never imports gRPC, not even through a module of this
  repository it imports.
* ``quotes serve`` installs its signal handlers before gRPC is imported (launch.py): nothing on its
  way there, from the ``quotes`` command to quotes_service.server.launch, loads gRPC.
* The developers' tools (tools/) may import anything.

And the contract's name is written once: no code but the generated stubs and the test that pins
it spells "quotes.v1.QuoteService" or a method path out; everything takes quotes.wire's.
"""
from __future__ import annotations

import ast

from support.paths import REPO
from support.source import SOURCE_ROOTS, Import, loaded_at_import, module_name, python_files, relative, tree
from support.source import imports as imports_of

SERVICE_MAY_IMPORT = ("quotes.types", "quotes.convert", "quotes.v1", "quotes.wire")
CLI_DOOR = "client/quotes/cli/local.py"


def _under(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _is_grpc(module: str) -> bool:
    top = module.split(".")[0]
    return top == "grpc" or top.startswith("grpc_")


def _all_imports(root: str) -> list[tuple[str, Import]]:
    return [(relative(path), found) for path in python_files(root) for found in imports_of(path)]


def test_the_service_imports_only_records_and_contract_from_the_client():
    wrong = [f"{where}:{i.line} imports {i.module}" for where, i in _all_imports("service/quotes_service")
             if _under(i.module, "quotes") and not _under(i.module, *SERVICE_MAY_IMPORT)]
    assert not wrong, wrong


def test_quotes_wire_itself_imports_nothing_of_the_client_but_the_generated_code():
    wire = REPO / "client" / "quotes" / "wire.py"
    wrong = [i.module for i in imports_of(wire) if _under(i.module, "quotes") and not _under(i.module, "quotes.v1")]
    assert not wrong, wrong


def test_only_the_cli_door_imports_the_service_and_only_lazily():
    found = [(where, i) for where, i in _all_imports("client/quotes") if _under(i.module, "quotes_service")]
    elsewhere = [f"{where}:{i.line} imports {i.module}" for where, i in found if where != CLI_DOOR]
    eager = [f"{where}:{i.line} imports {i.module} at module level" for where, i in found if not i.in_function]
    assert not elsewhere, elsewhere
    assert not eager, eager
    assert found, "cli/local.py no longer reaches the service: this rule would hold for nothing"


def test_the_client_imports_no_spacy_and_the_tools_only_lazily():
    found = _all_imports("client/quotes")
    spacy = [f"{where}:{i.line}" for where, i in found if _under(i.module, "spacy")]
    tools = [f"{where}:{i.line} imports {i.module} at module level" for where, i in found
             if _under(i.module, "quotes_tools") and not i.in_function]
    assert not spacy, spacy
    assert not tools, tools


def test_extraction_never_imports_grpc():
    extract = python_files("service/quotes_service/extract")
    assert extract
    direct = [f"{relative(path)}:{i.line} imports {i.module}" for path in extract for i in imports_of(path)
              if _is_grpc(i.module)]
    assert not direct, direct
    through = {}
    for path in extract:
        for i in imports_of(path):
            pulled = sorted(m for m in loaded_at_import(i.module) if _is_grpc(m))
            if pulled:
                through[f"{relative(path)}:{i.line} {i.module}"] = pulled
    assert not through, through


def test_quotes_serve_reaches_its_signal_handlers_without_grpc():
    commands = [module_name(path) for path in python_files("client/quotes/cli/commands")]
    on_the_way = ["quotes.cli", *commands, "quotes.cli.local", "quotes_service.server.launch"]
    loaded = set().union(*(loaded_at_import(m) for m in on_the_way))
    assert "quotes_service.server.shutdown" in loaded      # the handlers are on the way
    assert not sorted(m for m in loaded if _is_grpc(m)), sorted(m for m in loaded if _is_grpc(m))


def test_the_rules_see_imports_of_every_kind():
    """The reader behind these rules: a rule that found no import would pass for nothing."""
    local = {(i.module, i.in_function, i.type_only) for i in imports_of(REPO / CLI_DOOR)}
    assert ("quotes.cli.extras", False, False) in local                      # at module level
    assert ("quotes_service.server.launch", True, False) in local            # in a function
    assert ("quotes.cli.outcomes", False, True) in local                     # under TYPE_CHECKING
    servicer = {i.module for i in imports_of(REPO / "service/quotes_service/server/servicer.py")}
    assert {"quotes.convert", "quotes.v1.quotes_pb2", "quotes.wire", "grpc"} <= servicer
    assert any(_is_grpc(m) for m in loaded_at_import("quotes.wire"))
    assert not any(_is_grpc(m) for m in loaded_at_import("quotes.types"))


def test_the_service_name_is_spelled_out_once():
    name = "quotes.v1." + "QuoteService"              # not one constant: this file is read too
    pinned = {"tests/unit/test_proto_stubs.py"}
    found = [f"{relative(path)}:{node.lineno}" for path in python_files(*SOURCE_ROOTS) if relative(path) not in pinned
             for node in ast.walk(tree(path)) if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and (node.value == name or node.value.startswith(f"/{name}/"))]
    assert not found, f"use quotes.wire.SERVICE_NAME or a method path from quotes.wire: {found}"
    pins = [node for path in python_files("tests/unit") if relative(path) in pinned for node in ast.walk(tree(path))
            if isinstance(node, ast.Constant) and node.value == name]
    assert pins, "the pin itself is gone: this rule would hold for nothing"
