import test from 'ava';
import { largerHeap, recordsToRead } from '../src/cli/heap.js';
import { COMMANDS } from '../src/cli/run.js';

const GiB = 2 ** 30;

test('a dataset too large for the default heap runs with one sized to the machine', (t) => {
  t.is(largerHeap(10_000, 4 * GiB, 24 * GiB), undefined, '10,000 records fit in the default');
  const heap = largerHeap(100_000, 4 * GiB, 24 * GiB)!;
  t.true(heap > 5 * 1024 && heap <= 18 * 1024, `${heap} MiB`);
  t.is(largerHeap(100_000, 4 * GiB, 4 * GiB), undefined, 'no more than the machine can give');
});

test('the records a command line will read are counted only for commands that read records', async (t) => {
  t.is(await recordsToRead(['validate'], COMMANDS, process.cwd()), 5);
  t.is(await recordsToRead(['build', '--dir', 'incidents/facebook'], COMMANDS, process.cwd()), 5);
  t.is(await recordsToRead(['report', '--dir=incidents', '--org', 'Facebook'], COMMANDS, process.cwd()), 5);
  t.is(await recordsToRead(['schema'], COMMANDS, process.cwd()), 0);
  t.is(await recordsToRead(['validate', '--dir', 'no-such-folder'], COMMANDS, process.cwd()), 0);
  t.is(await recordsToRead(['--version'], COMMANDS, process.cwd()), 0);
});
