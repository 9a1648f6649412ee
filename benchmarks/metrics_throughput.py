"""Evaluation throughput: time to evaluate 2×N images (N real + N fake) with `cxr_fastai.evaluate`, feature extraction and metrics
timed separately, vs torchmetrics' FID and KID on the same features, in the same run.

    python benchmarks/metrics_throughput.py [--n 300] [--size 64] [--features cxr] [--device auto|cpu|cuda]

- features: the shipped CXR encoder (96-d) on (N, 1, size, size) images, real and fake;
- ours: `fid`, `kid` (100 subsets), `one_nn_accuracy`, `prdc` (k=5), and the whole metric set of `evaluate`
  (with 50-sample bootstrap intervals, memorisation and SSIM) given the images and features;
- torchmetrics: `FrechetInceptionDistance` and `KernelInceptionDistance(subsets=100)` with an identity feature module fed the same
  features (their only metrics with a counterpart here; update + compute).
Real images: the shared pediatric sample (../shared/data/kermany_pediatric_cxr) or the packaged sample (CC BY 4.0), repeated to N;
fakes: the same images shifted and with noise (a stand-in: timings do not depend on what the images show).
"""
import argparse, time, warnings
warnings.filterwarnings('ignore')
import numpy as np, torch, torch.nn as nn
from cxr_fastai.data import shared_data, sample_path
from cxr_fastai.evaluate import (load_images, get_extractor, extract_features, fid, kid, one_nn_accuracy, prdc, reference_stats, evaluate, RefStats)

def _timed(fn, repeat=3):
    "Best wall time of `repeat` runs (after one warm-up run) and the last result."
    out = fn(); best = float('inf')
    for _ in range(repeat):
        t = time.perf_counter(); out = fn()
        if torch.cuda.is_available(): torch.cuda.synchronize()
        best = min(best, time.perf_counter() - t)
    return best, out

class _Identity(nn.Module):
    def __init__(self, d): super().__init__(); self.num_features = d
    def forward(self, x): return x

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--n', type=int, default=300); ap.add_argument('--size', type=int, default=64)
    ap.add_argument('--features', default='cxr'); ap.add_argument('--device', default='auto')
    a = ap.parse_args()
    dev = ('cuda' if torch.cuda.is_available() else 'cpu') if a.device == 'auto' else a.device
    src = shared_data('kermany_pediatric_cxr') or sample_path()
    imgs, _ = load_images(src, a.size)
    real = np.resize(imgs, (a.n, a.size, a.size))
    rng = np.random.default_rng(0)
    fake = np.clip(np.roll(real, 3, axis=2).astype(int) + rng.integers(-20, 21, real.shape), 0, 255).astype(np.uint8)
    ext, name, _ = get_extractor(a.features); ext.to(dev)
    t_feat, (fr, ff) = _timed(lambda: (extract_features(real, ext), extract_features(fake, ext)))
    rows = [('features (2×N images)', t_feat, '')]
    for label, fn in (('fid', lambda: fid(fr, ff)), ('kid (100 subsets)', lambda: kid(fr, ff, 100)[0]),
                      ('1-NN accuracy (equal sizes)', lambda: one_nn_accuracy(fr, ff)['accuracy']), ('precision/recall/density/coverage', lambda: prdc(fr, ff)['precision'])):
        t, v = _timed(fn); rows.append((f"ours: {label}", t, f"{v:.6g}"))
    ref = RefStats('bench', name, a.size, real, fr, np.array(['x'] * len(real)))
    ext.cpu()
    t, ev = _timed(lambda: evaluate(ref, fake, features=ext, n_boot=50), repeat=1)
    rows.append(('ours: evaluate, all metrics (features of fakes included)', t, f"fid {ev.metrics['fid']:.6g}"))
    from torchmetrics.image.fid import FrechetInceptionDistance
    from torchmetrics.image.kid import KernelInceptionDistance
    tr, tf = torch.from_numpy(fr).float(), torch.from_numpy(ff).float()
    def tm_fid():
        m = FrechetInceptionDistance(feature=_Identity(fr.shape[1])); m.update(tr, real=True); m.update(tf, real=False); return float(m.compute())
    def tm_kid():
        m = KernelInceptionDistance(feature=_Identity(fr.shape[1]), subsets=100, subset_size=min(1000, a.n)); m.update(tr, real=True); m.update(tf, real=False)
        return float(m.compute()[0])
    for label, fn in (('torchmetrics: FID', tm_fid), ('torchmetrics: KID (100 subsets)', tm_kid)):
        t, v = _timed(fn); rows.append((label, t, f"{v:.6g}"))
    print(f"N = {a.n} real + {a.n} fake images at {a.size} px, features `{name}` (d = {fr.shape[1]}), device {dev}, torch {torch.__version__}, {torch.get_num_threads()} threads\n")
    print("| step | seconds (best of 3) | images/s (2N) | value |\n|---|---|---|---|")
    for label, t, v in rows: print(f"| {label} | {t:.4f} | {2 * a.n / t:,.0f} | {v} |")

if __name__ == '__main__': main()
