"""The notebooks are the tests: each one runs top to bottom with nbdev's own runner (same semantics as `nbdev-test`).

Cells flagged `#| slow` or `#| notest` are skipped; run them with `CXR_TEST_FLAGS="slow" python -m pytest`.
"""
import os
from pathlib import Path
import pytest
from nbdev.test import test_nb as run_notebook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [ROOT/'index.ipynb', *sorted((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb'))]

@pytest.mark.parametrize('nb', NOTEBOOKS, ids=lambda p: p.name)
def test_notebook(nb):
    force = os.environ.get('CXR_TEST_FLAGS', '').split()
    ok, secs = run_notebook(nb, skip_flags=[f for f in ('notest', 'slow') if f not in force], force_flags=force)
    assert ok, f"{nb.name} failed after {secs:.0f}s (its traceback is printed above)"
