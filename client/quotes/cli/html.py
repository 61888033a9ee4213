"""A self-contained HTML page of articles with their quotes highlighted.

Each quote is a <mark> coloured by speaker; hovering shows the speaker, title,
affiliation, type, cue and confidence. No external assets: the page opens
from disk, in a mail attachment or behind a firewall.
"""
from __future__ import annotations

import hashlib
import html
from typing import Iterable

PALETTE = ["#ffd6a5", "#caffbf", "#9bf6ff", "#bdb2ff", "#ffc6ff", "#fdffb6", "#a0c4ff", "#ffadad",
           "#d0f4de", "#e4c1f9", "#fcf6bd", "#a9def9"]
TYPE_LABEL = {"QUOTE_TYPE_DIRECT": "direct", "QUOTE_TYPE_INDIRECT": "indirect", "QUOTE_TYPE_PARTIAL": "partial",
              1: "direct", 2: "indirect", 3: "partial"}

STYLE = """
body{font:16px/1.6 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font:600 1.3rem system-ui,sans-serif}h2{font:600 1.05rem system-ui,sans-serif;margin-top:2.5rem;border-top:1px solid #ddd;padding-top:1rem}
.article{white-space:pre-wrap}
mark{border-radius:3px;padding:0 1px;cursor:help}
mark.indirect{background:none!important;border-bottom:3px solid var(--c)}
mark.direct,mark.partial{background:var(--c)}
.legend{font:14px system-ui,sans-serif;margin:.5rem 0 1rem}
.legend small{color:#444}
.legend span{display:inline-block;margin:0 .6rem .3rem 0;padding:0 .4rem;border-radius:3px;background:var(--c)}
.meta{font:13px system-ui,sans-serif;color:#666}
.failed .meta{color:#a00}
"""


def speaker_colours(quotes: list[dict]) -> dict[str, str]:
    """A colour per speaker, in order of first appearance: distinct for the first dozen."""
    colours: dict[str, str] = {}
    for q in sorted(quotes, key=lambda q: int(q.get("span", {}).get("start", 0))):
        who = _who(q)
        if who not in colours:
            n = len(colours)
            colours[who] = PALETTE[n] if n < len(PALETTE) else PALETTE[hashlib.sha1(who.encode()).digest()[0] % len(PALETTE)]
    return colours


def _who(q: dict) -> str:
    """The key a quote's colour goes by: its speaker entity (``speaker.id``), or for a response
    without entities (an older server) the speaker's name."""
    sp = q.get("speaker", {})
    return sp.get("id") or sp.get("canonical_name") or sp.get("name") or ""


def _legend(response: dict, colours: dict[str, str]) -> str:
    """Each speaker in its colour: the name, then (from the response's entity view, when there is
    one) the first of the titles and of the affiliations found for it, and its number of quotes."""
    entities = {e.get("id"): e for e in response.get("speakers", [])}
    names = {_who(q): (q.get("speaker", {}).get("canonical_name") or q.get("speaker", {}).get("name") or "")
             for q in response.get("quotes", [])}
    items = []
    for key, colour in colours.items():
        entity = entities.get(key)
        name = (entity or {}).get("canonical_name") or names.get(key) or "unknown"
        label = html.escape(name)
        if entity:
            about = [x[0] for x in (entity.get("titles"), entity.get("affiliations")) if x and x[0].lower() != name.lower()]
            count = int(entity.get("quote_count", 0))
            label += "".join(f'<small>, {html.escape(a)}</small>' for a in about)
            label += f' <small>· {count} quote{"" if count == 1 else "s"}</small>'
        items.append(f'<span style="--c:{colour}">{label}</span>')
    return "".join(items)


def _tooltip(q: dict) -> str:
    sp = q.get("speaker", {})
    parts = [sp.get("canonical_name") or sp.get("name") or "unknown speaker"]
    if sp.get("title"):
        parts.append(sp["title"])
    aff = sp.get("affiliation", "")
    if aff:
        parts.append(aff + (f" ({sp['affiliation_short']})" if sp.get("affiliation_short") and sp["affiliation_short"] != aff else ""))
    parts.append(f"{TYPE_LABEL.get(q.get('type'), 'quote')} · cue: {q.get('cue') or '—'} · confidence {float(q.get('confidence', 0)):.2f}")
    if sp.get("name") and sp.get("name") != sp.get("canonical_name"):
        parts.append(f"as written: {sp['name']}")
    return "\n".join(parts)


def _article(text: str, quotes: list[dict], colours: dict[str, str]) -> str:
    pieces = []
    for n, q in enumerate(quotes):
        frags = q.get("fragments") or [q.get("span", {})]
        for f in frags:
            pieces.append((int(f.get("start", 0)), int(f.get("end", 0)), n, q))
    pieces.sort(key=lambda p: (p[0], -p[1]))
    out, pos = [], 0
    for start, end, n, q in pieces:
        start = max(start, pos)  # an overlapping piece is clipped, never nested
        if end <= start:
            continue
        out.append(html.escape(text[pos:start]))
        kind = TYPE_LABEL.get(q.get("type"), "direct")
        out.append(f'<mark class="{kind}" data-quote="{n}" style="--c:{colours[_who(q)]}" '
                   f'title="{html.escape(_tooltip(q))}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _failed(record: dict) -> str:
    error = record["error"]
    return (f'<section class="doc failed"><h2>{html.escape(record.get("document_id", "") or "document")}</h2>'
            f'<div class="meta">not extracted: {html.escape(error.get("code", ""))}: '
            f'{html.escape(error.get("message", ""))}</div></section>')


def render(documents: Iterable[tuple[str, dict]], title: str = "Quotes") -> str:
    """``documents``: (article text, response in the protobuf JSON shape, or an error record
    ``{"document_id", "error": {"code", "message"}}``) pairs."""
    sections = []
    for text, response in documents:
        if "error" in response:   # a document that could not be extracted: its name and why, no text
            sections.append(_failed(response))
            continue
        quotes = response.get("quotes", [])
        colours = speaker_colours(quotes)
        speakers = list(colours)
        legend = _legend(response, colours)
        sections.append(
            f'<section class="doc"><h2>{html.escape(response.get("document_id", "") or "document")}</h2>'
            f'<div class="meta">{len(quotes)} quotes · {len(speakers)} speakers · highlighted: direct and partial; '
            f'underlined: indirect; hover for details</div>'
            f'<div class="legend">{legend}</div><div class="article">{_article(text, quotes, colours)}</div></section>'
        )
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{STYLE}</style></head>'
            f'<body><h1>{html.escape(title)}</h1>{"".join(sections)}'
            '<script>document.body.dataset.rendered=document.querySelectorAll("mark").length;</script>'
            '</body></html>\n')
