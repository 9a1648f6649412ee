"""Checks that keep README, CI, notebooks, library and package data from drifting apart."""
import json, re, subprocess, sys, zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def _bash_blocks(text): return re.findall(r"```bash\n(.*?)\n```", text, re.S)

def test_readme_in_sync_with_index():
    r = subprocess.run([sys.executable, str(ROOT/'tools'/'make_readme.py'), '--check'], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr

def test_readme_starts_with_two_commands_and_ci_runs_the_second():
    blocks = _bash_blocks((ROOT/'README.md').read_text())
    assert 'cxr-fastai' in blocks[0] and 'pip install -e' in blocks[0]
    assert 'pytest' in blocks[1] and '.[dev]' in blocks[1]
    assert 'README.md' in (ROOT/'.ci'/'run').read_text()

def test_no_settings_ini_or_setup_py():
    assert not (ROOT/'settings.ini').exists() and not (ROOT/'setup.py').exists()

def test_notebooks_are_clean_and_export_markers_match():
    for nb in [ROOT/'index.ipynb', *(ROOT/'nbs').glob('*.ipynb')]:
        cells = json.loads(nb.read_text())['cells']
        assert all(c.get('execution_count') is None for c in cells if c['cell_type'] == 'code'), f"{nb.name}: run nbdev-clean"
    for py in (ROOT/'cxr_fastai').glob('*.py'):
        src = py.read_text()
        for ref in set(re.findall(r"# %% \.\./nbs/(\S+\.ipynb)", src)): assert (ROOT/'nbs'/ref).exists(), f"{py.name} points at a missing {ref}"

def test_wheel_ships_the_sample(tmp_path):
    r = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-w', str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    names = zipfile.ZipFile(next(tmp_path.glob('*.whl'))).namelist()
    sample = [n for n in names if n.startswith('cxr_fastai/sample/')]
    assert 'cxr_fastai/sample/ATTRIBUTION.md' in sample
    assert len([n for n in sample if n.endswith('.jpeg')]) == 150

def test_docs_navigation_lists_every_chapter():
    "The docs sidebar (Quarto's and the offline build's navigation) lists index + every numbered chapter, in order."
    import re
    listed = re.findall(r"^\s*-\s+(\S+\.(?:ipynb|qmd))\s*$", (ROOT/'sidebar.yml').read_text(), re.M)
    chapters = ['index.ipynb'] + [f"nbs/{p.name}" for p in sorted((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb'))]
    assert [p for p in listed if p.endswith('.ipynb')] == chapters, listed
    assert all((ROOT/p).exists() for p in listed)

def test_docs_build_offline(tmp_path):
    "The notebooks process into pages (nbdev-proc-nbs runs every import cell: a test cell with an import would break the docs)."
    r = subprocess.run([sys.executable, str(ROOT/'tools'/'build_docs.py'), '--out', str(tmp_path/'site')], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    pages = sorted(p.name for p in (tmp_path/'site').glob('*.html'))
    assert 'index.html' in pages and len(pages) == 1 + len(list((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb'))) + len(list((ROOT/'nbs').glob('*.qmd'))), pages
