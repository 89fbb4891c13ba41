import test from 'ava';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { buildInto } from './helpers/site.js';

// The Nu HTML Checker, from the vnu-jar package, on the machine's Java.
const hasJava = spawnSync('java', ['-version']).status === 0;
if (!hasJava) {
  const banner = '\n*** HTML CHECKER TESTS SKIPPED: no Java on this machine (apt-get install -y default-jre-headless) ***\n';
  if (process.env.CI) throw new Error(`${banner}CI must run them.`);
  process.stderr.write(banner);
}
const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
const checked = hasJava ? test : test.skip;

function vnuErrors(dir: string): string {
  const run = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--skip-non-html', '--also-check-svg', dir], { encoding: 'utf8' });
  return run.stderr.trim();
}

checked('every page of the dataset site passes the Nu HTML Checker', async (t) => {
  t.is(vnuErrors(await buildInto('incidents')), '');
});

checked('pages built from hostile records are still valid HTML', async (t) => {
  t.is(vnuErrors(await buildInto('test/fixtures/hostile/incidents')), '');
});
