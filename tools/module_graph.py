"""The import graph of `cxr_fastai`, read from the generated modules.

`python tools/module_graph.py` prints it; `--write` puts the table into nbs/architecture.qmd between its
markers. tests/test_architecture.py checks that the graph is one-way and that the page shows it."""
import ast, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG, PAGE = ROOT / 'cxr_fastai', ROOT / 'nbs' / 'architecture.qmd'
START, END = '<!-- module graph: start -->', '<!-- module graph: end -->'


def chapter(py: Path) -> int:
    "The number of the notebook a module is exported from."
    m = re.search(r'File to edit: \.\./nbs/(\d+)_', py.read_text())
    return int(m.group(1))


def imports(py: Path) -> list:
    "(module, name) for every import of a cxr_fastai module in `py`, at the top or inside functions."
    out = []
    for node in ast.walk(ast.parse(py.read_text())):
        if isinstance(node, ast.ImportFrom):
            mod = node.module or ''
            if node.level == 1:
                mod = f'cxr_fastai.{mod}' if mod else 'cxr_fastai'
            if mod.startswith('cxr_fastai.'):
                out += [(mod.split('.')[1], a.name) for a in node.names]
            elif mod == 'cxr_fastai':
                out += [(a.name, '*') for a in node.names if (PKG / f'{a.name}.py').exists()]
        elif isinstance(node, ast.Import):
            out += [(a.name.split('.')[1], '*') for a in node.names
                    if a.name.startswith('cxr_fastai.')]
    return out


def graph() -> dict:
    "{module: (chapter, sorted modules it imports)} for every exported module."
    mods = {p.stem: p for p in sorted(PKG.glob('*.py')) if not p.stem.startswith('_')}
    return {m: (chapter(p), sorted({i for i, _ in imports(p)} - {m})) for m, p in mods.items()}


def table() -> str:
    "The graph as a markdown table, lowest layer first."
    rows = sorted(graph().items(), key=lambda kv: kv[1][0])
    lines = ['| chapter | module | imports (of ours) |', '|---|---|---|']
    lines += [f"| {c:02d} | `{m}` | {', '.join(f'`{i}`' for i in deps) or 'nothing'} |"
              for m, (c, deps) in rows]
    return '\n'.join(lines)


def write():
    s = PAGE.read_text()
    a, b = s.index(START) + len(START), s.index(END)
    PAGE.write_text(s[:a] + '\n' + table() + '\n' + s[b:])


if __name__ == '__main__':
    write() if '--write' in sys.argv else print(table())
