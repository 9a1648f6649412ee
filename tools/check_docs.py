"""Open every built documentation page in headless Chromium and check that it really renders.

    python tools/check_docs.py [--docs _docs] [--shots _docs_check]

For each page: Chromium loads it (file://, scripts on), the DOM after load is dumped, and the check asserts that
- the navigation lists every chapter and the page has its title,
- API signatures rendered (show_doc headings/signatures of the chapter's exported functions),
- every figure decoded in the browser (the page records `data-images-ok` once loaded) and a chapter with figures has some.
A full-page screenshot of each page is saved under --shots (not committed). Exit status 1 if any check fails.
Needs Debian's `chromium` (apt-get install chromium); the docs are built by `tools/build_docs.py`.
"""
import argparse, ast, re, shutil, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def chromium() -> str:
    for c in ('chromium', 'chromium-browser', 'google-chrome'):
        if shutil.which(c): return shutil.which(c)
    sys.exit("check_docs: no Chromium found: install Debian's package with `apt-get install chromium`")

def _run(args:list, timeout=120) -> str:
    base = [chromium(), '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--allow-file-access-from-files',
            '--virtual-time-budget=8000', '--run-all-compositor-stages-before-draw']
    return subprocess.run(base + args, capture_output=True, text=True, timeout=timeout).stdout

def exported_names(module:str) -> list[str]:
    "Public functions/classes of a generated module (what show_doc documents)."
    f = ROOT/'cxr_fastai'/f'{module}.py'
    if not f.exists(): return []
    t = ast.parse(f.read_text())
    return [n.name for n in t.body if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and not n.name.startswith('_')]

def check_page(page:Path, shots:Path, chapters:list[str]) -> list[str]:
    dom = _run(['--dump-dom', page.as_uri()])
    errs = []
    if not dom: return [f"{page.name}: Chromium returned no DOM"]
    for ch in chapters:
        if f'href="{ch}"' not in dom: errs.append(f"{page.name}: navigation lacks {ch}")
    if '<h1>' not in dom: errs.append(f"{page.name}: no title")
    n = re.search(r'data-images="(\d+)"', dom); ok = re.search(r'data-images-ok="(\d+)"', dom)
    if not n or not ok: errs.append(f"{page.name}: the load script did not run")
    elif int(ok.group(1)) != int(n.group(1)): errs.append(f"{page.name}: {int(n.group(1)) - int(ok.group(1))} of {n.group(1)} figures did not decode")
    mod = re.sub(r'^\d\d_', '', page.stem)
    mod = {'conditional_gan': 'cgan', 'resunet': 'segment', 'classifier': 'classify', 'evaluation': 'evaluate'}.get(mod, mod)
    names = exported_names(mod)
    if names:
        missing = [x for x in names if not re.search(rf'>\s*{re.escape(x)}\s*<', dom)]
        if len(missing) > len(names) // 2: errs.append(f"{page.name}: signatures missing for {len(missing)}/{len(names)} exported names, e.g. {missing[:5]}")
        if int(n.group(1) if n else 0) == 0 and page.stem not in ('01_runs', '11_cli'): errs.append(f"{page.name}: a chapter without a single figure")
    shots.mkdir(parents=True, exist_ok=True)
    _run([f'--screenshot={shots/(page.stem + ".png")}', '--window-size=1280,1800', page.as_uri()])
    if not (shots/(page.stem + '.png')).exists(): errs.append(f"{page.name}: no screenshot")
    print(f"{page.name:28s} figures {ok.group(1) if ok else '?'}/{n.group(1) if n else '?'}  signatures {len(names) - len(missing) if names else '-'}/{len(names) or '-'}  {'OK' if not errs else 'FAIL'}")
    return errs

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--docs', default=str(ROOT/'_docs')); ap.add_argument('--shots', default=str(ROOT/'_docs_check'))
    a = ap.parse_args()
    pages = sorted(Path(a.docs).glob('*.html'))
    if not pages: sys.exit(f"check_docs: no pages in {a.docs}: build them with `python tools/build_docs.py`")
    chapters = [p.name for p in pages]
    errs = [e for p in pages for e in check_page(p, Path(a.shots), chapters)]
    print('\n'.join(errs) or f"all {len(pages)} pages render: navigation, titles, signatures and figures checked; screenshots in {a.shots}")
    sys.exit(1 if errs else 0)
