"""The preview's page shell: style, the script that follows saves, findings as HTML."""

from __future__ import annotations

from html import escape

from ..findings import Finding

STYLE = """
body{font-family:Carlito,Calibri,'Liberation Sans',Arial,sans-serif;margin:0;background:#eef0f3;
color:#1d2530}
header{background:#243447;color:#fff;padding:.6rem 1.2rem}header a{color:#cfe3ff}
main{padding:1rem 1.2rem;max-width:1100px}
.findings{list-style:none;padding:0;margin:.5rem 0}
.findings li{background:#fff4e5;border-left:4px solid #e08a00;margin:.25rem 0;padding:.3rem .6rem;
font-size:.9rem}
.findings li.error{background:#fdecec;border-color:#c62828}
.checking{color:#555;font-style:italic}
.findings code{font-weight:bold}
.broken{background:#fff;border:2px solid #c62828;padding:1rem}
.slide-row{margin:0 0 1.5rem}.slide-label{font-size:.8rem;color:#555}
.slide{position:relative;container-type:inline-size;aspect-ratio:16/9;background:#fff;
box-shadow:0 1px 4px rgba(0,0,0,.25);overflow:hidden}
.box{position:absolute;box-sizing:border-box;overflow:hidden}
.box h2{margin:0;font-size:inherit;font-weight:bold}
.box p{margin:0}.box p.bullet::before{content:'• ';margin-left:-1em}
.box p.bold{font-weight:bold}.box p.italic{font-style:italic}
.footer,.number{color:#666}.number{text-align:right}
.kind-title .title,.kind-section .title{display:flex;align-items:flex-end}
details.notes{font-size:.85rem;background:#fafafa;padding:.2rem .6rem}
.doc{background:#fff;padding:1.5rem 2rem;box-shadow:0 1px 4px rgba(0,0,0,.2)}
.doc table{border-collapse:collapse;margin:.5rem 0}.doc td,.doc th{border:1px solid #999;
padding:.2rem .4rem;vertical-align:top}
.doc .writing{border-bottom:1px solid #999;height:1.4rem}
"""

SCRIPT = """
(function(){
  var shown = document.documentElement.dataset.version, asked = 0;
  var source = new EventSource('/events');
  source.onmessage = function(event){
    if (event.data === shown) return;
    var ask = ++asked;
    fetch(location.href, {cache: 'no-store'}).then(function(r){return r.text();})
      .then(function(text){
        if (ask !== asked) return;  /* a later version's page is on its way */
        var page = new DOMParser().parseFromString(text, 'text/html');
        document.title = page.title;
        shown = page.documentElement.dataset.version;
        document.documentElement.dataset.version = shown;
        document.body.replaceWith(page.body);
      });
  };
})();
"""


def page(title: str, body: str, version: int, lang: str = "en", nav: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}" data-version="{version}"><head>'
        f'<meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style><script>{SCRIPT}</script></head>"
        f'<body><header><a href="/">voces serve</a> {nav}</header><main>{body}</main></body>'
        "</html>")


def finding_list(findings: list[Finding]) -> str:
    items = "".join(
        f'<li class="{f.severity.value}"><code>{escape(str(f.location))}</code> '
        f"{escape(f.severity.value)}: {escape(f.message)} [{escape(f.rule)}]</li>"
        for f in findings)
    return f'<ul class="findings">{items}</ul>'
