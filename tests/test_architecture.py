"The layers of the library: imports go one way, down the chapters; the architecture page shows the real graph."
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))
import module_graph as mg  # noqa: E402


def test_imports_go_down_the_chapters():
    "A module imports only modules of lower-numbered chapters (lazy imports included); data imports none."
    g = mg.graph()
    assert g['data'][1] == [], g['data']
    bad = [(m, d) for m, (c, deps) in g.items() for d in deps if g[d][0] >= c]
    assert not bad, f"imports that go up or sideways: {bad}"


def test_nothing_imports_cli():
    assert not [m for m, (_, deps) in mg.graph().items() if 'cli' in deps]


def test_no_private_names_across_modules():
    "No module borrows another module's `_private` helper."
    found = [(p.stem, m, n) for p in sorted(mg.PKG.glob('*.py')) if not p.stem.startswith('_')
             for m, n in mg.imports(p) if n.startswith('_') and m != p.stem]
    assert not found, found


def test_every_chapter_is_one_module_and_numbers_are_unique():
    chapters = [c for c, _ in mg.graph().values()]
    assert len(chapters) == len(set(chapters))
    nbs = sorted(int(p.name[:2]) for p in (ROOT / 'nbs').glob('[0-9][0-9]_*.ipynb'))
    assert nbs == sorted(chapters) == list(range(len(nbs)))


def test_architecture_page_shows_the_graph():
    s = mg.PAGE.read_text()
    shown = s[s.index(mg.START) + len(mg.START):s.index(mg.END)].strip()
    assert shown == mg.table(), "run `python tools/module_graph.py --write`"


def _exported_cells():
    import json
    for nb in sorted((ROOT / 'nbs').glob('[0-9][0-9]_*.ipynb')):
        for c in json.loads(nb.read_text())['cells']:
            src = ''.join(c['source'])
            if c['cell_type'] == 'code' and any(l.startswith('#| export') for l in src.split('\n')):
                yield nb.name, c.get('id'), src


def test_exported_lines_are_short_and_single():
    "What a reader of the library sees: lines of at most 100 characters, one statement per line."
    import ast
    long, joined = [], []
    for nb, cid, src in _exported_cells():
        long += [(nb, cid, l[:60]) for l in src.split('\n') if len(l) > 100]
        body = '\n'.join('' if l.startswith('#|') else l for l in src.split('\n'))
        starts = {}
        for node in ast.walk(ast.parse(body)):
            if isinstance(node, ast.stmt):
                starts.setdefault(node.lineno, []).append(node)
        joined += [(nb, cid, n) for n, s in starts.items()
                   if sum(not isinstance(x, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) for x in s) > 1]
    assert not long, long[:10]
    assert not joined, joined[:10]
