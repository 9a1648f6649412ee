"""Write README.md from index.ipynb without Quarto (nbdev-readme needs Quarto, which cannot be installed offline).

Markdown cells are copied; code cells become ```python blocks followed by their text outputs; cells with a
`#| hide` directive are dropped, directive lines and nbval markers (`# NBVAL_CHECK_OUTPUT`) removed; images are not embedded (see the docs).
`python tools/make_readme.py --check` exits 1 if README.md is out of date.
"""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def _src(c): return ''.join(c['source']) if isinstance(c['source'], list) else c['source']

def render(nb_path=ROOT/'index.ipynb') -> str:
    out = []
    for c in json.loads(Path(nb_path).read_text())['cells']:
        src = _src(c)
        if c['cell_type'] == 'markdown': out.append(src.strip()); continue
        lines = src.splitlines()
        if any(l.replace(' ', '').startswith(('#|hide', '#|exporti')) for l in lines): continue
        code = '\n'.join(l for l in lines if not l.replace(' ', '').startswith(('#|', '#NBVAL_'))).strip()  # directives, test markers
        if code: out.append(f"```python\n{code}\n```")
        for o in c.get('outputs', []):
            txt = ''.join(o.get('text', '')) if o.get('output_type') == 'stream' and o.get('name') == 'stdout' else \
                  ''.join(o.get('data', {}).get('text/plain', '')) if 'image/png' not in o.get('data', {}) else ''
            if txt.strip(): out.append(f"```\n{txt.rstrip()}\n```")
    return '\n\n'.join(out) + '\n'

if __name__ == '__main__':
    new, readme = render(), ROOT/'README.md'
    if '--check' in sys.argv:
        ok = readme.exists() and readme.read_text() == new
        print('README.md is up to date' if ok else 'README.md is out of date: run python tools/make_readme.py'); sys.exit(0 if ok else 1)
    readme.write_text(new); print(f"wrote {readme}")
