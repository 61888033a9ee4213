"""`--format html` rendered by a real browser (headless Chromium from Debian)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from support.gold import read_text, seed_files
from quotes.convert import response_to_dict, response_to_proto
from quotes.cli.html import render

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: make test installs it (Debian package chromium) when root")
        pytest.skip("chromium not installed (Debian package chromium)")
    return path


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from quotes_service.extract.extractor import Extractor

    extractor = Extractor()
    docs = []
    for path in seed_files():
        text = read_text(path)
        docs.append((text, response_to_dict(response_to_proto(path.name, text, extractor.extract(text)))))
    out = tmp_path_factory.mktemp("html") / "seeds.html"
    out.write_text(render(docs, "Seed articles"), encoding="utf-8")
    return out, docs


def test_browser_renders_every_quote_with_its_speaker(page, tmp_path):
    path, docs = page
    result = subprocess.run(
        [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    dom = result.stdout
    fragments = sum(len(q["fragments"]) for _, r in docs for q in r["quotes"])
    rendered = re.search(r'data-rendered="(\d+)"', dom)
    assert rendered, "the page's script did not run in the browser"
    assert int(rendered.group(1)) == fragments
    assert "Atlantic Council" in dom and "Center for Strategic and International Studies (CSIS)" in dom
    assert "<mark" in dom and "Phase One</mark>" not in dom


def test_page_is_self_contained(page):
    path, _ = page
    html = path.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_screenshot(page, tmp_path):
    path, _ = page
    shot = tmp_path / "seeds.png"
    subprocess.run(
        [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,1400",
         f"--screenshot={shot}", path.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 20_000
