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

def test_export_leaves_the_library_unchanged(tmp_path):
    "nbdev-export on a copy of the project rewrites cxr_fastai/*.py (and _modidx.py) byte for byte: the notebooks are the source."
    import shutil
    for p in ('nbs', 'cxr_fastai'): shutil.copytree(ROOT/p, tmp_path/p, ignore=shutil.ignore_patterns('__pycache__', '_proc', '.ipynb_checkpoints'))
    for p in ('index.ipynb', 'pyproject.toml'): shutil.copy(ROOT/p, tmp_path/p)
    for py in (tmp_path/'cxr_fastai').glob('*.py'):
        if py.name != '__init__.py': py.unlink()  # written again from the notebooks (stale modules would stay otherwise)
    env = {k: v for k, v in __import__('os').environ.items() if k != 'IN_TEST'}  # nbdev-export does nothing under IN_TEST
    r = subprocess.run([str(Path(sys.executable).parent/'nbdev-export')], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    committed = sorted(p.name for p in (ROOT/'cxr_fastai').glob('*.py'))
    assert sorted(p.name for p in (tmp_path/'cxr_fastai').glob('*.py')) == committed
    changed = [n for n in committed if (tmp_path/'cxr_fastai'/n).read_bytes() != (ROOT/'cxr_fastai'/n).read_bytes()]
    assert not changed, f"run nbdev-export: {changed} differ from what the notebooks export"

def test_quarto_config_files_exist():
    "Every stylesheet and metadata file _quarto.yml names is in the repository (Quarto stops on a missing one)."
    cfg = (ROOT/'_quarto.yml').read_text()
    named = re.findall(r"^\s*css:\s*(\S+)", cfg, re.M) + [f for m in re.findall(r"^metadata-files:\s*\[(.*)\]", cfg, re.M) for f in re.split(r",\s*", m)]
    assert 'styles.css' in named and all((ROOT/f).exists() for f in named), named

def test_readme_documents_the_tools():
    "Below the two opening commands: nbdev-test (and its slow flag), JupyterLab, what nbval does here; CI keeps its time limit."
    text = (ROOT/'README.md').read_text()
    rest = text.split('```bash', 2)[-1].split('```', 1)[-1]  # after the two opening commands
    for needle in ('nbdev-test', '--flags slow', 'jupyter lab nbs/', 'NBVAL_CHECK_OUTPUT', 'nbval'): assert needle in rest, needle
    assert re.search(r"^timeout .*\b25\b.*\$cmd", (ROOT/'.ci'/'run').read_text(), re.M)
