"""The notebooks are the tests. pytest collects them itself (nbval: one item per code cell, see conftest.py), so they run
once per session; the tests here check the bridge between nbval and nbdev, on the real notebooks and on a tiny one.

Cells flagged `#| slow` or `#| notest` (pyproject's `tst_flags`) are skipped; run them with `CXR_TEST_FLAGS="slow" python -m pytest`.
"""
import json, os, subprocess, sys, tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
import pytest
from conftest import tst_flags, skip_flags, nbdev_plan

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [ROOT/'index.ipynb', *sorted((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb'))]

def test_flags_come_from_pyproject(monkeypatch):
    cfg = tomllib.loads((ROOT/'pyproject.toml').read_text())['tool']['nbdev']
    assert tst_flags() == cfg['tst_flags'].split() and 'slow' in tst_flags()  # else `#| slow` cells run under nbdev-test
    monkeypatch.delenv('CXR_TEST_FLAGS', raising=False)
    assert skip_flags() == tst_flags()
    monkeypatch.setenv('CXR_TEST_FLAGS', 'slow')
    assert 'slow' not in skip_flags()

def test_every_notebook_is_collected(request):
    "The default run (no paths given) holds every chapter's cells, with nbdev's skips."
    if request.config.args != request.config.getini('testpaths'): pytest.skip('only in the whole suite (python -m pytest)')
    cells = [i for i in request.session.items if i.path.suffix == '.ipynb']
    assert sorted({i.path for i in cells}) == sorted(NOTEBOOKS)
    for nb in NOTEBOOKS:
        plan, items = nbdev_plan(nb), [i for i in cells if i.path == nb]
        assert len(items) == len(plan) and sum(v is not None for v in plan.values()) == sum(bool(list(i.iter_markers('skip'))) for i in items)

def _nb(*cells):
    "A cleaned notebook (no execution counts, outputs kept), as nbdev-clean leaves them."
    mk = lambda i, src, out=None: {'cell_type': 'code', 'execution_count': None, 'id': f'cell{i}', 'metadata': {},
                                'outputs': [] if out is None else [{'name': 'stdout', 'output_type': 'stream', 'text': [out]}], 'source': src}
    return json.dumps({'cells': [mk(i, *c) for i, c in enumerate(cells)], 'metadata': {'kernelspec': {'display_name': 'python3', 'language': 'python', 'name': 'python3'}},
                       'nbformat': 4, 'nbformat_minor': 5})

def test_bridge_on_a_small_notebook(tmp_path):
    "Flags skip, cleaned outputs are references, only marked cells are compared (and a wrong one fails), cwd and IN_TEST as in nbdev."
    d = tmp_path/'chapters'; d.mkdir()
    (d/'good.ipynb').write_text(_nb(("#| slow\nraise RuntimeError('slow cells are skipped')",),
                                    ("#| notest\nraise RuntimeError('notest cells are skipped')",),
                                    ("import os; from pathlib import Path\nassert Path.cwd().name == 'chapters' and os.environ['IN_TEST'] == '1'",),
                                    ("# NBVAL_CHECK_OUTPUT\nprint(6 * 7)", "42\n"),
                                    ("import time; print(time.time())", "an old output, not compared\n")))
    (d/'bad.ipynb').write_text(_nb(("# NBVAL_CHECK_OUTPUT\nprint(6 * 7)", "41\n"), ("print('never run')",)))
    env = {**os.environ, 'PYTHONPATH': str(ROOT/'tests')}; env.pop('CXR_TEST_FLAGS', None)
    r = subprocess.run([sys.executable, '-m', 'pytest', '-p', 'conftest', '-p', 'no:cacheprovider', '--nbval-lax', '--nbval-current-env',
                        '--junitxml', str(tmp_path/'r.xml'), str(d)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    out = {(c.get('classname').removesuffix('.ipynb').split('.')[-1], c.get('name')): next((e.tag for e in c if e.tag in ('skipped', 'failure', 'error')), 'passed')
           for c in ET.parse(tmp_path/'r.xml').iter('testcase')}
    assert out == {('good', 'Cell 0'): 'skipped', ('good', 'Cell 1'): 'skipped', ('good', 'Cell 2'): 'passed', ('good', 'Cell 3'): 'passed',
                   ('good', 'Cell 4'): 'passed', ('bad', 'Cell 0'): 'failure', ('bad', 'Cell 1'): 'skipped'}, (out, r.stdout[-3000:])
    assert 'Cell outputs differ' in r.stdout and 'notebooks: 2 run, 1 passed' in r.stdout, r.stdout[-3000:]
