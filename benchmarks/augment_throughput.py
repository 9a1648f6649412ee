"""Augmentation throughput: the batch pipeline of `cxr_fastai.augment` vs the same work per item with PIL/numpy, in the same run.

    python benchmarks/augment_throughput.py [--bs 64] [--size 128] [--batches 8] [--device auto|cpu|cuda]

Both sides do the same five steps on every image: rotation (≤10°, bilinear), brightness/contrast, gamma,
X-ray noise (Poisson quantum noise + Gaussian read noise) and Gaussian blur.
- batch: fastai `Rotate` + `RandomBrightnessContrast`, `RandomGamma`, `XRayNoise`, `RandomBlur` (p=1) on a (bs, 1, size, size)
  float tensor on the chosen device, as `batch_tfms` run after `IntToFloatTensor`;
- per item: what a plain PIL user writes — `Image.rotate`, `ImageEnhance.Brightness/Contrast`, a gamma LUT with `point`,
  numpy Poisson/Gaussian noise, `ImageFilter.GaussianBlur` — on (size, size) uint8 images, one at a time.
Real images: the shared pediatric sample (../shared/data/kermany_pediatric_cxr) or the packaged sample (CC BY 4.0).
"""
import argparse, os, time, warnings
warnings.filterwarnings('ignore')
import numpy as np, torch
from PIL import Image, ImageEnhance, ImageFilter
from fastai.vision.all import Rotate, Pipeline, TensorImage, set_seed
from cxr_fastai.data import image_files, read_cxr, letterbox, shared_data, sample_path
from cxr_fastai.augment import RandomBrightnessContrast, RandomGamma, XRayNoise, RandomBlur

def _timed(fn, repeat=3):
    "Best wall time of `repeat` runs (after one warm-up run)."
    fn(); best = float('inf')
    for _ in range(repeat):
        t = time.perf_counter(); fn()
        if torch.cuda.is_available(): torch.cuda.synchronize()
        best = min(best, time.perf_counter() - t)
    return best

def pil_item(im:Image.Image, rng:np.random.Generator) -> Image.Image:
    "The same five steps on one 8-bit PIL image."
    im = im.rotate(rng.uniform(-10, 10), Image.BILINEAR)
    im = ImageEnhance.Contrast(ImageEnhance.Brightness(im).enhance(1 + rng.uniform(-.1, .1))).enhance(np.exp(rng.uniform(-.22, .22)))
    g = np.exp(rng.uniform(-.3, .3)); im = im.point([round(255 * (i / 255) ** g) for i in range(256)])
    x = np.asarray(im, np.float32) / 255; dose = np.exp(rng.uniform(np.log(300), np.log(3000)))
    counts = rng.poisson(dose * np.exp(-3 * x)) + rng.normal(0, rng.uniform(0, 3), x.shape)
    x = np.clip(-np.log(np.maximum(counts, 1) / dose) / 3, 0, 1)
    im = Image.fromarray((x * 255).round().astype(np.uint8))
    return im.filter(ImageFilter.GaussianBlur(rng.uniform(.5, 1.2)))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bs', type=int, default=64); ap.add_argument('--size', type=int, default=128)
    ap.add_argument('--batches', type=int, default=8); ap.add_argument('--device', default='auto')
    a = ap.parse_args()
    dev = torch.device('cuda' if a.device == 'auto' and torch.cuda.is_available() else 'cpu' if a.device == 'auto' else a.device)
    torch.set_num_threads(os.cpu_count() or 1); set_seed(0)
    src = shared_data('kermany_pediatric_cxr') or sample_path()
    files = image_files(src)[:a.bs]
    imgs = [letterbox(read_cxr(f, size_hint=a.size), a.size, 'crop') for f in files]
    imgs = (imgs * (a.bs // len(imgs) + 1))[:a.bs]
    n = a.bs * a.batches
    pils = [Image.fromarray(m) for m in imgs]
    rng = np.random.default_rng(0)
    t_item = _timed(lambda: [pil_item(im, rng) for _ in range(a.batches) for im in pils])
    xb = TensorImage(torch.from_numpy(np.stack(imgs)).float().div_(255)[:, None].to(dev))         # (bs, 1, size, size)
    pipe = Pipeline([Rotate(max_deg=10, p=1., pad_mode='zeros'), RandomBrightnessContrast(p=1.), RandomGamma(p=1.),
                     XRayNoise(p=1.), RandomBlur(p=1.)], split_idx=0)
    out = pipe(xb); assert out.shape == xb.shape and 0 <= float(out.min()) and float(out.max()) <= 1
    t_batch = _timed(lambda: [pipe(xb) for _ in range(a.batches)])
    r_item, r_batch = n / t_item, n / t_batch
    print(f"\naugmentation throughput: {n} images of {a.size}×{a.size} ({a.batches} batches of {a.bs}), "
          f"{os.cpu_count()} CPU cores, torch {torch.__version__}, batch device: {dev}\n")
    print(f"| {'pipeline (rotate, brightness/contrast, gamma, X-ray noise, blur)':<66} | {'images/s':>9} | {'vs per-item PIL':>15} |")
    print(f"|{'-' * 68}|{'-' * 11}|{'-' * 17}|")
    print(f"| {'per item: PIL + numpy, one image at a time (baseline)':<66} | {r_item:>9,.0f} | {1.0:>14.1f}x |")
    print(f"| {f'batch: cxr_fastai batch_tfms on a ({a.bs}, 1, {a.size}, {a.size}) tensor on {dev.type}':<66} | {r_batch:>9,.0f} | {r_batch / r_item:>14.1f}x |")

if __name__ == '__main__': main()
