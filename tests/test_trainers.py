"""One test over all four trainers: the runs layer's rule holds for each of them.

A time budget stops after the first epoch and keeps its checkpoint; `resume=True` ends with exactly the weights of an
uninterrupted run; resuming nothing, resuming with other settings and training over an existing run are refused with
a clear message; `force=True` starts over. Tiny data (32 px, a few images), so each trainer takes seconds."""
import json, warnings
import pytest, torch
from cxr_fastai.data import make_montgomery_fixture, sample_path, scan
from cxr_fastai.runs import ResumeError, Run, load_checkpoint

warnings.filterwarnings('ignore', message=r'`torch\.jit\.script` is deprecated')


def _gan(out, **kw):
    from cxr_fastai.gan import train_gan
    return train_gan(sample_path(), out, label='virus', size=32, bs=16, nf=8, nz=16, progress=False, **kw)


def _cgan(out, **kw):
    from cxr_fastai.cgan import train_cgan
    items = scan(sample_path()).items.groupby('label').head(16)
    return train_cgan(items, out, classes=['normal', 'virus'], size=32, bs=16, nf=8, nz=16,
                      progress=False, **kw)


@pytest.fixture(scope='module')
def masks(tmp_path_factory):
    return make_montgomery_fixture(tmp_path_factory.mktemp('seg') / 'MontgomerySet', n=8)


def _seg(out, masks=None, **kw):
    from cxr_fastai.segment import train_seg
    return train_seg(masks, out, arch='unet', size=32, bs=4, progress=False, **kw)


def _clf(out, **kw):
    from cxr_fastai.classify import train_clf
    return train_clf(sample_path(), out, arch='cxr_cnn', size=32, bs=16, progress=False, **kw)


TRAINERS = dict(gan=_gan, cgan=_cgan, seg=_seg, clf=_clf)


def _weights(run: Run) -> dict:
    m = run.learn.model
    m = getattr(m, 'module', m)
    return {k: v.detach().cpu().clone() for k, v in m.state_dict().items()}


@pytest.mark.parametrize('kind', TRAINERS)
def test_budget_resume_and_refusals(kind, tmp_path, request):
    train = TRAINERS[kind]
    if kind == 'seg':
        masks = request.getfixturevalue('masks')
        train = lambda out, **kw: _seg(out, masks, **kw)  # noqa: E731
    whole = train(tmp_path / 'whole', epochs=2, seed=0)
    assert isinstance(whole, Run) and (whole.epochs_done, whole.stopped) == (2, 'finished')

    part = train(tmp_path / 'part', epochs=2, seed=0, minutes=1e-6)
    assert (part.epochs_done, part.stopped) == (1, 'time budget')
    ck = load_checkpoint(tmp_path / 'part')
    assert (ck['kind'], ck['epoch']) == (kind, 1)
    assert json.loads((tmp_path / 'part' / 'run.json').read_text())['stopped'] == 'time budget'

    with pytest.raises(ResumeError, match='already holds a run'):
        train(tmp_path / 'part', epochs=2, seed=0)
    with pytest.raises(ResumeError, match='epochs: 2 → 3'):
        train(tmp_path / 'part', epochs=3, seed=0, resume=True)
    with pytest.raises(ResumeError, match='nothing to resume'):
        train(tmp_path / 'empty', epochs=2, seed=0, resume=True)

    rest = train(tmp_path / 'part', epochs=2, seed=0, resume=True)
    assert (rest.epochs_done, rest.stopped) == (2, 'finished')
    a, b = _weights(whole), _weights(rest)
    assert a.keys() == b.keys()
    assert all(torch.equal(a[k], b[k]) for k in a), f"{kind}: a resumed run differs from an unbroken one"

    again = train(tmp_path / 'part', epochs=1, seed=0, force=True)
    assert (again.epochs_done, again.stopped, again.config['epochs']) == (1, 'finished', 1)
