import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The compiled modules, beside this compiled test.
const dist = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * What loading a compiled module loads at once: the modules it imports or re-exports, followed
 * through this package, and the packages it names. `import()` is not followed: it loads later,
 * if ever.
 */
function loadedWith(entry: string): { modules: Set<string>; packages: Set<string>; specifiers: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const specifiers = new Set<string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/^(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]/gm)) {
      if (specifier!.startsWith('.')) visit(path.resolve(path.dirname(file), specifier!));
      else if (!specifier!.startsWith('node:')) {
        packages.add(specifier!.split('/').slice(0, specifier!.startsWith('@') ? 2 : 1).join('/'));
        specifiers.add(specifier!);
      }
    }
  };
  visit(path.join(dist, entry));
  return { modules: new Set([...modules].map((file) => path.relative(dist, file).split(path.sep).join('/'))), packages, specifiers };
}

test('the command line starts without the validator: zod loads only where a file is checked', (t) => {
  const cli = loadedWith('cli/main.js');
  t.true(cli.modules.has('build.js') && cli.modules.has('site/pages.js'), 'the walk follows the command line into the build');
  t.true(cli.packages.has('handlebars') && cli.packages.has('luxon'));
  t.false(cli.packages.has('zod'));
  t.false(cli.modules.has('validate/file.js'));
  t.false(cli.modules.has('schema/record.js'));
  // The one-file check does load it: the walk would see it.
  t.true(loadedWith('validate/file.js').packages.has('zod'));
});

test('the command line starts without the dev server: it loads when `dev` runs', (t) => {
  const cli = loadedWith('cli/main.js');
  t.true(cli.modules.has('cli/commands/dev.js'));
  t.false(cli.modules.has('dev/server.js'));
  t.true(readFileSync(path.join(dist, 'cli/commands/dev.js'), 'utf8').includes("import('../../dev/server.js')"), 'loaded when needed');
});

test('the command line starts with Handlebars\' runtime only: its compiler loads where a template is compiled', (t) => {
  const cli = loadedWith('cli/main.js');
  t.true(cli.specifiers.has('handlebars/runtime.js'));
  t.false(cli.specifiers.has('handlebars'), 'the package itself brings the compiler');
  t.true(readFileSync(path.join(dist, 'site/templates.js'), 'utf8').includes("import('handlebars')"), 'loaded when needed');
});
