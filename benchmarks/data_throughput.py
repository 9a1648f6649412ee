"""Data throughput: decoding from the original files vs reading the `prepare` cache, in the same run.

    python benchmarks/data_throughput.py [PATH] [--size 128] [--epochs 3]

PATH defaults to the shared pediatric sample (../shared/data/kermany_pediatric_cxr) or the packaged sample.
Prints one table; the baselines are what a plain PyTorch user writes: PIL open + resize per image every epoch,
and a torch `Dataset`/`DataLoader` over the same cache.
"""
import argparse, os, sys, tempfile, time, warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import numpy as np, torch
from PIL import Image
from torch.utils.data import Dataset, DataLoader
from cxr_fastai.data import scan, read_cxr, letterbox, prepare, clf_dls, shared_data, sample_path

def rate(n, fn, repeat=1):
    "Images per second of `fn` (which processes `n` images), best of `repeat`."
    best = min(_timed(fn) for _ in range(repeat))
    return n / best, best

def _timed(fn):
    t = time.perf_counter(); fn(); return time.perf_counter() - t

class PlainCacheDS(Dataset):
    "Baseline: a plain torch Dataset over the cache memmap (no fastai)."
    def __init__(self, images, labels): self.images, self.labels = images, labels
    def __len__(self): return len(self.images)
    def __getitem__(self, i): return torch.from_numpy(np.array(self.images[i])).float().div_(255).unsqueeze(0), self.labels[i]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('path', nargs='?'); ap.add_argument('--size', type=int, default=128); ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--bs', type=int, default=64)
    a = ap.parse_args()
    path = Path(a.path) if a.path else (shared_data('kermany_pediatric_cxr') or sample_path())
    files = list(scan(path).items.path); n, s = len(files), a.size
    torch.set_num_threads(os.cpu_count() or 1)
    rows = []
    def naive(): [np.asarray(Image.open(f).convert('L').resize((s, s), Image.BILINEAR)) for f in files]
    r0, _ = rate(n, naive); rows.append(('decode originals: PIL open + resize (baseline)', r0, 1.0))
    r, _ = rate(n, lambda: [letterbox(read_cxr(f, size_hint=s), s) for f in files]); rows.append(('decode originals: read_cxr (draft) + letterbox', r, r / r0))
    out = Path(tempfile.mkdtemp())/'cache'
    r, t_prep = rate(n, lambda: prepare(path, size=s, out=out, progress=False, force=True))
    rows.append((f'prepare: decode once, {os.cpu_count()} workers (one-time)', r, r / r0))
    r, _ = rate(n, lambda: prepare(path, size=s, out=out, progress=False)); rows.append(('prepare again: cache reused', r, r / r0))
    from cxr_fastai.data import CXRCache
    c = CXRCache(out)
    r, _ = rate(n * a.epochs, lambda: [np.array(c.images[i]) for _ in range(a.epochs) for i in range(len(c))], 3)
    rows.append(('read cache: memmap row -> array', r, r / r0))
    labels = torch.tensor(c.items.label.astype('category').cat.codes.values)
    dl = DataLoader(PlainCacheDS(c.images, labels), batch_size=a.bs, shuffle=True, num_workers=0)
    r1, _ = rate(n * a.epochs, lambda: [b for _ in range(a.epochs) for b in dl], 3)
    rows.append(('train from cache: plain torch DataLoader (baseline 2)', r1, r1 / r0))
    dls = clf_dls(c, size=s, bs=a.bs, valid_pct=0.0, seed=0)
    nt = len(dls.train_ds)
    r2, _ = rate(nt * a.epochs, lambda: [b for _ in range(a.epochs) for b in dls.train], 3)
    rows.append(('train from cache: cxr_fastai clf_dls (fastai)', r2, r2 / r0))
    print(f"\ndata throughput on {path} ({n} images, {s} px, {os.cpu_count()} CPU cores, torch {torch.__version__})\n")
    print(f"| {'step':<56} | {'images/s':>9} | {'vs PIL baseline':>15} |\n|{'-'*58}|{'-'*11}|{'-'*17}|")
    for name, r, ratio in rows: print(f"| {name:<56} | {r:>9,.0f} | {ratio:>14.1f}x |")
    print(f"\nfastai DataLoaders vs plain torch DataLoader over the same cache: {r2 / r1:.2f}x")
    ok = r2 >= 1000
    print(f"goal: training reads the {s} px cache at >= 1,000 images/s: {'met' if ok else 'NOT met'} ({r2:,.0f} images/s)")
    return 0 if ok else 1

if __name__ == '__main__': sys.exit(main())
