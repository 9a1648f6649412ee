"""No command writes into a folder another command made: each refuses a non-empty foreign folder in one line,
exits with status 1 and leaves the folder as it was."""
import contextlib, io, warnings
import pytest
from cxr_fastai.cli import main
from cxr_fastai.data import make_montgomery_fixture, sample_path

warnings.filterwarnings('ignore', message=r'`torch\.jit\.script` is deprecated')
S = str(sample_path())
TINY = ['--size', '32', '--epochs', '1', '--quiet']
COMMANDS = {
    'prepare': lambda d, out: ['prepare', S, '--size', '32', '--out', out, '--quiet'],
    'train-gan': lambda d, out: ['train-gan', S, '--label', 'virus', *TINY, '--out', out],
    'train-cgan': lambda d, out: ['train-cgan', S, '--classes', 'normal,virus', *TINY, '--out', out],
    'train-seg': lambda d, out: ['train-seg', str(d['masks']), *TINY, '--out', out],
    'train-clf': lambda d, out: ['train-clf', S, *TINY, '--out', out],
    'evaluate': lambda d, out: ['evaluate', '--real', S, '--fake', S, '--n-boot', '0', '--max-n', '20',
                                '--report', out],
    'demo': lambda d, out: ['demo', '--out', out, '--minutes', '1'],
}


@pytest.fixture(scope='module')
def data(tmp_path_factory):
    return dict(masks=make_montgomery_fixture(tmp_path_factory.mktemp('seg') / 'MontgomerySet', n=4))


@pytest.mark.parametrize('cmd', COMMANDS)
def test_foreign_folder_is_refused_and_left_alone(cmd, data, tmp_path):
    theirs = tmp_path / 'theirs'
    theirs.mkdir()
    (theirs / 'notes.txt').write_text('not written by cxr-fastai')
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        rc = main(COMMANDS[cmd](data, str(theirs)))
    lines = [l for l in err.getvalue().splitlines() if l.startswith('cxr-fastai')]
    assert rc == 1 and len(lines) == 1 and 'not written by `cxr-fastai' in lines[0], err.getvalue()
    assert [p.name for p in theirs.iterdir()] == ['notes.txt']
    assert (theirs / 'notes.txt').read_text() == 'not written by cxr-fastai'


@pytest.mark.parametrize('cmd', [c for c in COMMANDS if c.startswith('train-')])
@pytest.mark.parametrize('minutes', ['0', '-1'])
def test_a_budget_of_no_time_is_refused_before_anything_is_written(cmd, minutes, data, tmp_path):
    out = tmp_path / 'run'
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        rc = main([*COMMANDS[cmd](data, str(out)), '--minutes', minutes])
    lines = [l for l in err.getvalue().splitlines() if l.startswith('cxr-fastai')]
    assert rc == 1 and len(lines) == 1 and 'positive number of minutes' in lines[0], err.getvalue()
    assert not out.exists()
