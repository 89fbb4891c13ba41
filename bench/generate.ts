// A deterministic generator of realistic synthetic records: valid under the format, 60 to 75
// YAML lines each, a 1,250-character Markdown summary with a list and links, 7 or 8 events with a
// sentence of Markdown each, and 3 to 5 sources. The same N and seed give the same files.
// One record in ten has a bare URL in its summary, and another one in ten escaped quotes in its
// title, as real records do. Until the ninth session both took the full Markdown and YAML
// parsers; the plain subsets read them now (see docs/performance.md).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A small seeded PRNG (mulberry32), so runs are repeatable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORGS = ['Facebook', 'Acme Social', 'Globex Cloud', 'Initech Analytics', 'Umbrella Health', 'Hooli', 'Vandelay Data', 'Soylent Apps', 'Stark Devices', 'Wayne Finance', 'Tyrell Ads', 'Cyberdyne Mail'];
const WORDS = 'data users apps developers access profile exposure disclosure audit platform interface partners regulators consent records messages contacts location tokens permissions policy review breach notice settlement investigation'.split(' ');
const TYPES = ['occurrence', 'discovery', 'disclosure', 'report', 'statement', 'policy-change', 'access-revoked', 'audit', 'legal', 'other'];
const DATA_TYPES = ['names', 'profile-pictures', 'friend-lists', 'private-messages', 'email-addresses', 'phone-numbers', 'locations'];
const TAGS = ['third-party-apps', 'api-access', 'data-sharing', 'political-data', 'health-data', 'children'];

function sentence(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]!);
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function date(r: () => number, fromYear: number, toYear: number): string {
  const y = fromYear + Math.floor(r() * (toYear - fromYear + 1));
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function summary(r: () => number, n: number): string {
  const para = () => `${sentence(r, 10)}, according to [the report](https://example.org/reports/${n}). ${sentence(r, 10)}. ${sentence(r, 8)} **${sentence(r, 3).toLowerCase()}**.`;
  const list = [1, 2, 3, 4].map(() => `  - ${sentence(r, 8)}, see [source](https://example.com/s/${Math.floor(r() * 1e6)}).`).join('\n');
  const more = n % 10 === 3 ? ` More at https://example.org/more/${n}.` : '';
  return `  ${para()}\n\n${list}\n\n  ${para()}\n\n  ${para()}${more}`;
}

/** The YAML text of synthetic record number `n`. */
export function syntheticRecord(n: number, seed = 1): { id: string; text: string } {
  const r = rng(seed * 1_000_003 + n);
  const id = `record-${String(n).padStart(6, '0')}`;
  const kind = r() < 0.8 ? 'incident' : 'enforcement';
  const org = ORGS[Math.floor(r() * ORGS.length)]!;
  const sources = 3 + Math.floor(r() * 3);
  const events = 7 + Math.floor(r() * 2);
  const start = date(r, 2005, 2015);
  const disclosed = date(r, 2016, 2021);
  const lines = [
    `id: ${id}`,
    `kind: ${kind}`,
    n % 10 === 7 ? `title: "${sentence(r, 4)} \\"${sentence(r, 5).toLowerCase()}\\""` : `title: "${sentence(r, 9)}"`,
    `organization: ${org}`,
    'summary: |',
    summary(r, n),
    `tags: [${TAGS[Math.floor(r() * TAGS.length)]}]`,
  ];
  if (kind === 'incident') {
    lines.push('period:', `  start: ${start}`, `  end: ${date(r, 2016, 2016)}`, 'disclosed:', `  date: ${disclosed}`, '  by: press', '  source: s1');
    lines.push('affected:', `  people: ${Math.floor(r() * 1e8)}`, `data_types: [${DATA_TYPES[Math.floor(r() * DATA_TYPES.length)]}, ${DATA_TYPES[Math.floor(r() * DATA_TYPES.length)]}-x]`);
  } else {
    lines.push('authority: Federal Trade Commission', 'jurisdiction: US', 'action: fine', `date: ${disclosed}`, 'amount:', `  value: ${Math.floor(r() * 1e9)}`, '  currency: USD');
  }
  lines.push('events:');
  for (let e = 0; e < events; e++) {
    const cited = `s${1 + (e % sources)}`;
    lines.push(`  - date: ${date(r, 2016, 2021)}`, `    type: ${TYPES[e % TYPES.length]}`, `    title: "${sentence(r, 8)}"`, `    description: ${sentence(r, 12)} with *emphasis* and [a link](https://example.net/${n}/${e}).`, `    sources: [${cited}]`);
  }
  lines.push('sources:');
  for (let s = 1; s <= sources; s++) {
    lines.push(`  - id: s${s}`, `    title: "${sentence(r, 7)}"`, `    publisher: ${ORGS[(n + s) % ORGS.length]} News`, `    url: https://news.example.com/${n}/${s}`);
  }
  return { id, text: `${lines.join('\n')}\n` };
}

/** Writes N synthetic records into `dir` (emptied first), 1,000 to a subfolder. */
export async function generate(dir: string, count: number, seed = 1): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (let n = 0; n < count; n++) {
    const { id, text } = syntheticRecord(n, seed);
    const folder = path.join(dir, `batch-${String(Math.floor(n / 1000)).padStart(3, '0')}`);
    if (n % 1000 === 0) await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, `${id}.yaml`), text);
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const count = Number(process.argv[2] ?? 1000);
  const dir = process.argv[3] ?? `bench/data/${count}`;
  await generate(dir, count);
  process.stderr.write(`wrote ${count} records into ${dir}\n`);
}
