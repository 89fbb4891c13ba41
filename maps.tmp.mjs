import { openCache } from './dist/src/cache/build-cache.js';
import { checkSources } from './dist/src/check-files.js';
import { loadDataset } from './dist/src/load/index.js';
import { DateTime } from 'luxon';
const cache = await openCache('.cache');
const read = await loadDataset('incidents');
const results = await checkSources(read.files, DateTime.fromISO('2026-11-27T00:00:00Z'), { cache });
const distinct = (objs) => { const reps = []; for (const o of objs) { if (!reps.some((r) => %HaveSameMap(r, o))) { reps.push(o); if (reps.length > 300) return '>300'; } } return reps.length; };
console.log('results', results.length, 'maps', distinct(results), 'data', distinct(results.map(r => r.data)), 'cached', distinct([...cache.files.values()]), 'diag arrays', distinct(results.map(r=>r.diagnostics)));
