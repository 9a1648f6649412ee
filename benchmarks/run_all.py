"""Run every benchmark and print one table with each result's ratio against its plain baseline (measured in the same run).

    python benchmarks/run_all.py [--quick] [--device auto|cpu|cuda] [--out FILE.md]

Runs, each in its own process (so one's memory and threads do not bias another):
- data_throughput.py     decode, cache, DataLoader reads  (baseline: PIL decode + resize; plain torch DataLoader)
- augment_throughput.py  batch augmentation               (baseline: per-item PIL + numpy)
- gan_throughput.py      GAN training updates              (baseline: the plain PyTorch DCGAN loop; fp32, bf16 autocast, channels_last;
                                                            on a GPU the same variants on cuda)
- metrics_throughput.py  features + FID/KID/PRDC/1-NN      (baseline: torchmetrics' FID and KID on the same features)
A ratio > 1 means faster than the baseline. The machine (CPU cores, GPU, torch) is printed with the table; `--out` also writes
the table and each script's full output as markdown (what benchmarks/RESULTS.md records).
"""
import argparse, os, platform, re, subprocess, sys, time
from pathlib import Path

HERE = Path(__file__).resolve().parent

def _scripts(quick:bool, device:str) -> list[tuple[str, list[str]]]:
    gan_dev = ['--device', device] if device != 'auto' else []
    return [('data', ['data_throughput.py', '--epochs', '1' if quick else '3']),
            ('augment', ['augment_throughput.py', '--batches', '3' if quick else '8'] + (['--device', device] if device != 'auto' else [])),
            ('gan', ['gan_throughput.py', '--steps', '4' if quick else '8', '--repeats', '1' if quick else '2'] + gan_dev),
            ('metrics', ['metrics_throughput.py', '--n', '150' if quick else '300'] + (['--device', device] if device != 'auto' else []))]

def _tables(text:str) -> list[tuple[list[str], list[list[str]]]]:
    "Markdown tables in a script's output: (header, rows)."
    out, cur = [], None
    for line in text.splitlines():
        if line.startswith('|'):
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            if cur is None: cur = (cells, [])
            elif not all(set(c) <= set('-: ') for c in cells): cur[1].append(cells)
        elif cur is not None: out.append(cur); cur = None
    if cur is not None: out.append(cur)
    return out

def _num(s:str) -> float|None:
    m = re.search(r'[-\d,.]+', s or '')
    try: return float(m.group().replace(',', '')) if m else None
    except ValueError: return None

def rows_of(bench:str, text:str) -> list[tuple[str, str, str, str]]:
    "(benchmark, step, images/s, vs baseline) rows from one script's tables."
    rows = []
    for head, body in _tables(text):
        low = [h.lower() for h in head]
        ips = next((i for i, h in enumerate(low) if 'images/s' in h), None)
        vs = next((i for i, h in enumerate(low) if h.startswith('vs')), None)
        if bench == 'gan':                                              # variant | loop | images/s | updates/s | vs plain | RSS
            for r in body: rows.append((bench, f"{r[0]}: {r[1]}", r[ips], r[vs]))
        elif bench == 'metrics':                                        # step | seconds | images/s | value
            secs = {r[0]: _num(r[1]) for r in body}
            for r in body:
                ratio = ''
                for ours, base in (('ours: fid', 'torchmetrics: FID'), ('ours: kid (100 subsets)', 'torchmetrics: KID (100 subsets)')):
                    if r[0] == ours and secs.get(base) and secs.get(ours): ratio = f"{secs[base] / secs[ours]:.2f}x"
                    if r[0] == base: ratio = '1.00x'
                rows.append((bench, f"{r[0]} ({float(r[1]) * 1e3:.1f} ms)", r[ips], ratio))
        else:
            for r in body: rows.append((bench, r[0], r[ips] if ips is not None else '', r[vs] if vs is not None else ''))
    return rows

def machine() -> str:
    import torch
    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'no GPU'
    return f"{platform.machine()}, {os.cpu_count()} CPU cores, {gpu}, Python {platform.python_version()}, torch {torch.__version__}"

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--quick', action='store_true', help="fewer repetitions (about half the time)")
    ap.add_argument('--device', default='auto', help="auto: cuda when available for the GAN/augment/metrics benchmarks")
    ap.add_argument('--only', default=None, help="comma-separated subset: data,augment,gan,metrics")
    ap.add_argument('--out', default=None, help="also write the table and the full outputs to this markdown file")
    a = ap.parse_args()
    dev = a.device
    if dev == 'auto':
        import torch
        dev = 'cuda' if torch.cuda.is_available() else 'auto'
    rows, full, notes, t0 = [], [], [], time.time()
    for bench, args in _scripts(a.quick, dev):
        if a.only and bench not in a.only.split(','): continue
        print(f"running {bench}: python benchmarks/{' '.join(args)}", file=sys.stderr, flush=True)
        t = time.time()
        p = subprocess.run([sys.executable, str(HERE/args[0]), *args[1:]], capture_output=True, text=True, env={**os.environ, 'MPLBACKEND': 'Agg'})
        got = rows_of(bench, p.stdout)
        if p.returncode and not got:
            print(f"  {bench} failed: {(p.stderr.strip().splitlines() or ['?'])[-1]}", file=sys.stderr); rows.append((bench, 'FAILED', '', '')); continue
        goals = [l for l in p.stdout.splitlines() if l.startswith('goal:')]
        print(f"  done in {time.time() - t:.0f} s" + ''.join(f"; {g}" for g in goals), file=sys.stderr)
        rows += got; notes += goals; full.append(f"## python benchmarks/{' '.join(args)}\n\n{p.stdout.strip()}\n")
    w = [max(len(r[i]) for r in rows + [('benchmark', 'step', 'images/s', 'vs baseline')]) for i in range(4)]
    line = lambda r: '| ' + ' | '.join(c.ljust(w[i]) if i < 2 else c.rjust(w[i]) for i, c in enumerate(r)) + ' |'
    table = '\n'.join([line(('benchmark', 'step', 'images/s', 'vs baseline')), '|' + '|'.join('-' * (x + 2) for x in w) + '|', *map(line, rows)])
    head = f"All benchmarks, {time.strftime('%Y-%m-%d')}, {machine()}, {time.time() - t0:.0f} s in all\n(ratio > 1: faster than the baseline measured in the same run)\n"
    print('\n' + head + '\n' + table + ''.join(f'\n{g}' for g in notes))
    if a.out: Path(a.out).write_text(f"# Benchmark results\n\n{head}\n{table}\n" + ''.join(f'\n{g}\n' for g in notes) + '\n' + '\n'.join(full))

if __name__ == '__main__': main()
