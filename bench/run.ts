// npm run bench [-- N ...]: times validate and build on synthetic datasets of N records
// (default 1,000 and 10,000; pass 100000 to include that), on this machine, and prints a table
// of median wall time and peak memory. Each measurement runs in a fresh process, as a user would.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, syntheticRecord } from './generate.js';

const CLI = path.resolve('dist/src/cli/main.js');
const RSS = pathToFileURL(path.resolve('dist/bench/rss.js')).href;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NOW = '2026-11-22';
/** The day `days` after NOW. */
const nextDay = (days: number) => new Date(Date.parse(`${NOW}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** Where the outputs of cold builds are moved aside, to be deleted at the end (see `clean`). */
const TRASH = path.resolve('bench/data/.trash');
let moved = 0;

interface Sample {
  ms: number;
  peakMiB: number;
}

/** Runs the CLI once in a fresh process; its wall time and peak resident memory. */
function run(args: string[], cwd: string): Sample {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', RSS, CLI, ...args], { cwd, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`disclosed ${args.join(' ')} failed:\n${result.stderr}`);
  // The last report is the process's own, made as it exits.
  const kib = Number([...result.stderr.matchAll(/PEAK_RSS_KIB=(\d+)/g)].at(-1)?.[1] ?? 0);
  return { ms, peakMiB: kib / 1024 };
}

/**
 * A measurement over several runs: the median wall time and peak memory, with the range they
 * came from (this machine's times vary by a tenth from run to run, and more over an hour).
 */
interface Summary {
  ms: number;
  minMs: number;
  maxMs: number;
  peakMiB: number;
  maxPeakMiB: number;
}

/** Time from saving a record to its new page being served by `disclosed dev`, in this process. */
async function devSaveToServe(root: string, dir: string): Promise<Summary> {
  const { startDev } = await import('../src/dev/server.js');
  const { DateTime } = await import('luxon');
  const server = await startDev({ dir: 'incidents', cwd: root, host: '127.0.0.1', port: 0, now: DateTime.fromISO(`${NOW}T12:00:00Z`), onBuild: () => undefined });
  const samples: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const marker = `Served ${i} ${Date.now()}`;
      const { id, text } = syntheticRecord(3);
      const started = performance.now();
      await writeFile(path.join(dir, 'batch-000', `${id}.yaml`), text.replace(/^title: "/m, `title: "${marker} `));
      // Poll, bounded: a large rebuild can keep the server busy past a request's time-outs.
      for (let tries = 0; tries < 20_000; tries++) {
        const body = await fetch(`${server.url}records/${id}/`).then((r) => r.text(), () => '');
        if (body.includes(marker)) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      samples.push(performance.now() - started);
    }
  } finally {
    await server.close();
  }
  const peakMiB = process.memoryUsage().rss / 1024 / 1024;
  return summarize(samples.map((ms) => ({ ms, peakMiB })));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function summarize(samples: Sample[]): Summary {
  const [ms, peaks] = [samples.map((s) => s.ms), samples.map((s) => s.peakMiB)];
  return {
    ms: Math.round(median(ms)),
    minMs: Math.round(Math.min(...ms)),
    maxMs: Math.round(Math.max(...ms)),
    peakMiB: Math.round(median(peaks)),
    maxPeakMiB: Math.round(Math.max(...peaks)),
  };
}

async function touchOne(dir: string, n: number, round: number): Promise<void> {
  const { id, text } = syntheticRecord(n);
  const file = path.join(dir, `batch-${String(Math.floor(n / 1000)).padStart(3, '0')}`, `${id}.yaml`);
  await writeFile(file, text.replace(/^title: "/m, `title: "Edited ${round} `));
}

async function benchmark(count: number) {
  const root = path.resolve(`bench/data/${count}`);
  const dir = path.join(root, 'incidents');
  await mkdir(root, { recursive: true });
  await generate(dir, count);
  const base = ['--dir', 'incidents', '--now', NOW];
  const rows: Record<string, Summary> = {};
  const repeat = async (setup: (i: number) => Promise<void>, args: string[] | ((i: number) => string[])) => {
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      await setup(i);
      samples.push(run(typeof args === 'function' ? args(i) : args, root));
    }
    return summarize(samples);
  };
  const nothing = async () => undefined;
  // The output of the last run is moved aside, not deleted: creating tens of thousands of
  // files within a minute or two of deleting as many costs this machine's ext4 file system
  // (mounted with online discard) up to ten times the kernel time (40,000 small files: 1.8 s
  // in a quiet folder, 15.8 s just after deleting 40,000 others). Deleting the last cold
  // build's output just before the next one measured the file system's recovery, not the
  // build. What is moved aside is deleted when the benchmark ends.
  const clean = async () => {
    await rm(path.join(root, '.cache'), { recursive: true, force: true });
    await mkdir(TRASH, { recursive: true });
    await rename(path.join(root, 'out'), path.join(TRASH, `${count}-${process.pid}-${++moved}`)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  };
  rows['validate (cold)'] = await repeat(clean, ['validate', ...base]);
  rows['build (cold, no cache)'] = await repeat(clean, ['build', ...base, '--no-cache']);
  run(['build', ...base], root);
  rows['build (warm, nothing changed)'] = await repeat(nothing, ['build', ...base]);
  rows['build (one record changed)'] = await repeat((i) => touchOne(dir, 7, i), ['build', ...base]);
  // A new day each run, as a build at the machine's clock sees one: the reports say when they
  // were made, and no page names the day (see `settingsKey`).
  rows['build (next day, nothing changed)'] = await repeat(nothing, (i) => ['build', '--dir', 'incidents', '--now', nextDay(i + 1)]);
  // An edit built at a new time, as a researcher's build at the machine's clock is.
  rows['build (one record changed, next day)'] = await repeat((i) => touchOne(dir, 7, RUNS + i), (i) => ['build', '--dir', 'incidents', '--now', nextDay(RUNS + i + 1)]);
  rows['dev: save to new page served'] = await devSaveToServe(root, dir).catch((error: Error) => {
    process.stderr.write(`dev measurement failed: ${error.message}\n`);
    return { ms: Number.NaN, minMs: Number.NaN, maxMs: Number.NaN, peakMiB: Number.NaN, maxPeakMiB: Number.NaN };
  });
  // Settings that keep no page (a template edited, another locale) draw every page again with
  // the cache: last, as each writes a whole new tree.
  rows['build (another locale, nothing changed)'] = await repeat(nothing, (i) => ['build', ...base, '--locale', i % 2 === 0 ? 'de' : 'en']);
  return rows;
}

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
const results: Record<string, Record<string, Summary>> = {};
const seconds = (ms: number) => (ms / 1000).toFixed(2);
for (const count of counts.length ? counts : [1000, 10000]) {
  process.stderr.write(`benchmarking ${count} records (${RUNS} runs each)...\n`);
  results[count] = await benchmark(count);
  for (const [name, r] of Object.entries(results[count]!)) process.stderr.write(`  ${name}: ${seconds(r.ms)} s (${seconds(r.minMs)} to ${seconds(r.maxMs)}), ${r.peakMiB} MiB (at most ${r.maxPeakMiB})\n`);
}
const lines = ['| N | measurement | median wall time | fastest to slowest | peak memory (median) | largest peak |', '| ---: | --- | ---: | ---: | ---: | ---: |'];
for (const [n, rows] of Object.entries(results)) {
  for (const [name, r] of Object.entries(rows)) lines.push(`| ${n} | ${name} | ${seconds(r.ms)} s | ${seconds(r.minMs)} to ${seconds(r.maxMs)} s | ${r.peakMiB} MiB | ${r.maxPeakMiB} MiB |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
await mkdir('bench/results', { recursive: true });
const previous = await readFile('bench/results/latest.json', 'utf8').catch(() => undefined);
if (previous) await writeFile('bench/results/previous.json', previous);
await writeFile('bench/results/latest.json', `${JSON.stringify({ runs: RUNS, node: process.version, results }, null, 2)}\n`);
process.stderr.write('wrote bench/results/latest.json\n');
await rm(TRASH, { recursive: true, force: true });
