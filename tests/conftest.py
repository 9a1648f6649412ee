"""pytest runs every notebook once, through nbval, by nbdev's rules.

`[tool.pytest.ini_options]` collects `index.ipynb` and `nbs/` with `--nbval-lax`: each code cell is one test item, run
in one kernel per notebook started in the notebook's folder (as `nbdev-test` does). This file bridges what nbval does
not know about nbdev:

- a cell runs or is skipped exactly as under `nbdev-test`: nbdev's own `nb_test_cells` decides, with the flags of
  `[tool.nbdev] tst_flags` in pyproject.toml (read here, never repeated); `CXR_TEST_FLAGS="slow"` runs them anyway,
  like `nbdev-test --flags slow`;
- `IN_TEST=1` in the kernel, as nbdev sets it, so a notebook's closing `nbdev_export()` does not rewrite the library;
- `nbdev-clean` drops execution counts and keeps outputs, which nbval reads as "Unrun reference cell has outputs": the
  saved outputs are taken as the reference instead;
- saved outputs are compared only in cells marked `# NBVAL_CHECK_OUTPUT` (deterministic ones; images never);
- after a cell fails, the rest of its notebook is skipped (nbdev stops at the first error too);
- the summary ends with one line per tool: notebooks run, passed, cells skipped by flag, outputs compared.
"""
import os, tomllib, warnings
from collections import Counter
from pathlib import Path
import pytest

os.environ.setdefault('MPLBACKEND', 'Agg')
warnings.filterwarnings('ignore', category=FutureWarning, module='torch')

ROOT = Path(__file__).resolve().parent.parent

def tst_flags(root=ROOT) -> list[str]:
    "The flags nbdev skips (`[tool.nbdev] tst_flags`), as `nbdev-test` reads them."
    f = tomllib.loads((Path(root)/'pyproject.toml').read_text())['tool']['nbdev'].get('tst_flags', '')
    return f.split() if isinstance(f, str) else list(f)

def force_flags() -> list[str]:
    "Flags to run anyway: `CXR_TEST_FLAGS=\"slow\"` is `nbdev-test --flags slow`."
    return os.environ.get('CXR_TEST_FLAGS', '').split()

def skip_flags() -> list[str]: return [f for f in tst_flags() if f not in force_flags()]

def nbdev_plan(nb_path) -> dict[int, str | None]:
    "For the n-th code cell of `nb_path`: None if `nbdev-test` runs it, else why it leaves it out."
    from nbdev.process import NBProcessor
    from nbdev.test import nb_test_cells
    run = {c.idx_ for c in nb_test_cells(nb_path, tst_flags(), force_flags())}
    cells = NBProcessor(nb_path, rm_directives=False, process=True).nb.cells
    plan, skip = {}, set(skip_flags())
    for c in cells:
        if c.cell_type != 'code': continue
        flags = sorted(skip & set(getattr(c, 'directives_', None) or {}))
        why = None if c.idx_ in run else (
            f"nbdev flag #| {', '.join(flags)} (run with CXR_TEST_FLAGS=\"{' '.join(flags)}\")" if flags else "nbdev does not run it (eval: false / skip_exec)")
        plan[len(plan)] = why
    return plan

def _is_cell(item) -> bool:
    try: from nbval.plugin import IPyNbCell
    except ImportError: return False
    return isinstance(item, IPyNbCell)

class NbdevBridge:
    "Registered as a plugin (not a conftest hook), so that it also acts on items outside tests/."
    def __init__(self): self.failed, self.stats, self.results, self.flagged = {}, Counter(), {}, set()

    def pytest_ignore_collect(self, collection_path, config):
        if collection_path.suffix == '.ipynb' and collection_path.name[:1] in '_.': return True  # nbdev skips them too

    def pytest_collection_modifyitems(self, config, items):
        plans = {}
        for item in items:
            if not _is_cell(item): continue
            if item.path not in plans:
                plans[item.path] = nbdev_plan(item.path)
                n_code = sum(c.cell_type == 'code' for c in item.parent.nb.cells)
                if n_code != len(plans[item.path]): raise pytest.UsageError(f"{item.path}: nbdev sees {len(plans[item.path])} code cells, nbval {n_code}")
            why = plans[item.path][item.cell_num]
            if why:
                item.add_marker(pytest.mark.skip(reason=why)); self.flagged.add(item.nodeid); continue
            if item.cell.get('execution_count') is None: item.cell.execution_count = 1  # cleaned: saved outputs are the reference

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item):
        if not _is_cell(item): return (yield)
        if item.path in self.failed: pytest.skip(f"an earlier cell of this notebook failed ({self.failed[item.path]})")
        prev = os.environ.get('IN_TEST')
        os.environ['IN_TEST'] = '1'  # the kernel starts in the first cell's setup and inherits it
        try: return (yield)
        finally:
            if prev is None: os.environ.pop('IN_TEST', None)
            else: os.environ['IN_TEST'] = prev

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        rep = (yield).get_result()
        if not _is_cell(item): return
        self.results.setdefault(item.path, 'passed')
        if rep.when == 'call': self.stats['run'] += 1; self.stats['compared'] += bool(item.options['check'])
        if rep.when == 'setup' and rep.skipped and item.nodeid in self.flagged: self.stats['skipped by flag'] += 1
        if rep.failed: self.failed.setdefault(item.path, item.name); self.results[item.path] = 'failed'

    def pytest_terminal_summary(self, terminalreporter):
        if not self.results: return
        ok = sum(r == 'passed' for r in self.results.values())
        s = self.stats
        terminalreporter.write_sep('-', f"notebooks: {len(self.results)} run, {ok} passed | cells: {s['run']} run, "
                                        f"{s['skipped by flag']} skipped by nbdev flags ({' '.join(skip_flags()) or 'none'}), {s['compared']} outputs compared")
        for p, r in self.results.items():
            if r != 'passed': terminalreporter.write_line(f"FAILED notebook {Path(p).name} at {self.failed[p]}")

def pytest_configure(config):
    if not config.pluginmanager.has_plugin('cxr-nbdev-bridge'): config.pluginmanager.register(NbdevBridge(), 'cxr-nbdev-bridge')
