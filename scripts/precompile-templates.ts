// Compiles the shipped templates into a module of the tool (see src/site/precompiled-templates.ts).
// Run by `npm run compile`, after tsc; a template with a syntax error fails it.
import Handlebars from 'handlebars';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRECOMPILED_MODULE } from '../src/site/precompiled-templates.js';
import { compileOptions, shippedTemplates, templateKey } from '../src/site/templates.js';

const entries: string[] = [];
for (const [name, source] of await shippedTemplates()) {
  const spec = Handlebars.precompile(source, compileOptions(name)) as string;
  entries.push(`  ${JSON.stringify(name)}: { key: ${JSON.stringify(templateKey(name, source))}, spec: ${spec} },`);
}
const file = fileURLToPath(PRECOMPILED_MODULE);
await mkdir(path.dirname(file), { recursive: true });
await writeFile(file, `// Made from templates/ by scripts/precompile-templates.ts when the tool was compiled: do not edit.\nexport const templates = {\n${entries.join('\n')}\n};\n`);
process.stderr.write(`compiled ${entries.length} templates into ${path.relative(process.cwd(), file)}\n`);
