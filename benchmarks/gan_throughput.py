"""GAN training throughput: cxr_fastai's GAN learner vs a plain PyTorch DCGAN loop, same run, same data.

    python benchmarks/gan_throughput.py [--size 64] [--nf 32] [--bs 32] [--steps 12] [--device cpu|cuda]

Both loops train the same networks (`dcgan_generator`/`dcgan_critic`), batch size, optimiser (Adam 2e-4, betas 0.5/0.999)
and loss (BCE, non-saturating), on the same real images read from a `prepare` cache. One *full update* = one critic step +
one generator step. The plain loop is the PyTorch DCGAN example's (fakes computed once, reused for both steps). Ours runs
through fastai (`cxr_gan_learner`: GANLearner + GANStepper) with DiffAugment off (it is on by default; it is not in the
plain loop) and its generator EMA on. Each variant runs in its own process so peak memory (max RSS) is its own.
Variants: fp32, bf16 autocast, channels_last (CPU: where supported; on a GPU add --device cuda).
"""
import argparse, json, os, resource, subprocess, sys, tempfile, time, warnings
from pathlib import Path
warnings.filterwarnings('ignore')

def _cache(size):
    from cxr_fastai.data import prepare, shared_data, sample_path
    src = shared_data('kermany_pediatric_cxr') or sample_path()
    return prepare(src, size=size, out=Path(tempfile.gettempdir())/f'cxr_bench_cache_{size}', progress=False)

def plain(a):
    import torch, torch.nn.functional as F
    from cxr_fastai.gan import dcgan_generator, dcgan_critic, nonsat_gen_loss, bce_critic_loss
    c = _cache(a.size); dev = torch.device(a.device)
    x_all = torch.from_numpy(c.images[list(c.items.cache_idx[c.items.label == 'normal'])]).float()[:, None] / 127.5 - 1
    torch.manual_seed(0)
    G, D = dcgan_generator(a.size, 100, a.nf).to(dev), dcgan_critic(a.size, a.nf).to(dev)
    if a.channels_last: G, D = G.to(memory_format=torch.channels_last), D.to(memory_format=torch.channels_last)
    og, od = [torch.optim.Adam(m.parameters(), 2e-4, betas=(0.5, 0.999)) for m in (G, D)]
    ac = torch.autocast(dev.type, dtype=torch.bfloat16, enabled=a.bf16)
    def step():
        idx = torch.randint(0, len(x_all), (a.bs,)); real = x_all[idx].to(dev); z = torch.randn(a.bs, 100, device=dev)
        with ac: fake = G(z)
        od.zero_grad(set_to_none=True)
        with ac: ld = bce_critic_loss(D(real).float(), D(fake.detach()).float())
        ld.backward(); od.step()
        og.zero_grad(set_to_none=True)
        with ac: lg = nonsat_gen_loss(D(fake).float())
        lg.backward(); og.step()
    for _ in range(2): step()                                            # warm-up
    if dev.type == 'cuda': torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(a.steps): step()
    if dev.type == 'cuda': torch.cuda.synchronize()
    return a.steps, time.perf_counter() - t

def ours(a):
    import torch
    from cxr_fastai.data import gan_dls
    from cxr_fastai.gan import cxr_gan_learner
    from fastai.torch_core import set_seed
    c = _cache(a.size); set_seed(0)
    dls = gan_dls(c, label='normal', size=a.size, bs=a.bs, device=a.device)
    learn = cxr_gan_learner(dls, nf=a.nf, diffaug='', bf16=a.bf16, channels_last=a.channels_last)
    with learn.no_bar(), learn.no_logging(): learn.fit(1)               # warm-up epoch
    n0 = learn.gan_stepper.n_g; epochs = max(1, round(a.steps / len(dls.train)))
    t = time.perf_counter()
    with learn.no_bar(), learn.no_logging(): learn.fit(epochs)
    if a.device == 'cuda': torch.cuda.synchronize()
    return learn.gan_stepper.n_g - n0, time.perf_counter() - t

def worker(a):
    n, secs = (ours if a.worker == 'ours' else plain)(a)
    print(json.dumps(dict(updates=n, seconds=secs, peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--size', type=int, default=64); ap.add_argument('--nf', type=int, default=32); ap.add_argument('--bs', type=int, default=32)
    ap.add_argument('--steps', type=int, default=12); ap.add_argument('--device', default='cpu')
    ap.add_argument('--repeats', type=int, default=2, help="alternate plain/ours this many times and keep each one's best (load noise)")
    ap.add_argument('--worker', default=None); ap.add_argument('--bf16', action='store_true'); ap.add_argument('--channels-last', action='store_true')
    a = ap.parse_args()
    if a.worker: return worker(a)
    _cache(a.size)
    import torch
    rows = []
    for variant, flags in [('fp32', []), ('bf16 autocast', ['--bf16']), ('channels_last', ['--channels-last'])]:
        res = {'plain': None, 'ours': None}
        for _ in range(a.repeats):
            for who in ('plain', 'ours'):
                cmd = [sys.executable, __file__, '--worker', who, '--size', str(a.size), '--nf', str(a.nf), '--bs', str(a.bs), '--steps', str(a.steps), '--device', a.device, *flags]
                p = subprocess.run(cmd, capture_output=True, text=True)
                if p.returncode: print(f"{who} {variant} failed: {p.stderr.strip().splitlines()[-1:]}", file=sys.stderr); continue
                r = json.loads(p.stdout.strip().splitlines()[-1])
                if res[who] is None or r['updates'] / r['seconds'] > res[who]['updates'] / res[who]['seconds']: res[who] = r
        for who in ('plain', 'ours'):
            r = res[who]
            if r is None: continue
            ups = r['updates'] / r['seconds']
            base = res['plain']['updates'] / res['plain']['seconds'] if res['plain'] else float('nan')
            rows.append((variant, 'plain PyTorch loop (baseline)' if who == 'plain' else 'cxr_fastai GANLearner + GANStepper', ups * a.bs, ups, ups / base, r['peak_rss_mb']))
    dev = torch.cuda.get_device_name() if a.device == 'cuda' else f"{os.cpu_count()} CPU cores"
    print(f"\nGAN throughput: {a.size} px, nf={a.nf}, batch {a.bs}, {a.steps} full updates per measurement, best of {a.repeats}, {dev}, torch {torch.__version__}\n")
    print(f"| {'variant':<14} | {'loop':<36} | {'images/s':>8} | {'updates/s':>9} | {'vs plain':>8} | {'peak RSS MB':>11} |")
    print(f"|{'-'*16}|{'-'*38}|{'-'*10}|{'-'*11}|{'-'*10}|{'-'*13}|")
    for v, w, ims, ups, ratio, mem in rows: print(f"| {v:<14} | {w:<36} | {ims:>8.1f} | {ups:>9.3f} | {ratio:>7.2f}x | {mem:>11.0f} |")

if __name__ == '__main__': sys.exit(main())
