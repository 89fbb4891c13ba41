import { parseArgs } from 'node:util';
import { didYouMean } from '../text/suggest.js';

/** One option of a command. */
export interface OptionSpec {
  /** A string value, or a flag. */
  type: 'string' | 'boolean';
  /** What it does, for `--help`. */
  description: string;
  /** The value's name in help (`DIR`). */
  placeholder?: string;
  /** The value when the option is absent. */
  default?: string;
  /** The only values allowed. */
  choices?: readonly string[];
}

/** A command's options by long name (without `--`). */
export type OptionSpecs = Record<string, OptionSpec>;

/** Parsed arguments: option values and positionals. */
export interface ParsedArgs {
  /** Option values by name; flags are booleans. */
  values: Record<string, string | boolean | undefined>;
  /** Arguments that are not options. */
  positionals: string[];
}

/** Parses a command's arguments, or says in one line what is wrong with them. */
export function parseCommandArgs(argv: readonly string[], specs: OptionSpecs, maxPositionals: number): ParsedArgs | { error: string } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = Object.fromEntries(Object.entries(specs).map(([name, s]) => [name, { type: s.type }]));
  options.help = { type: 'boolean', short: 'h' };
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = specs[token.name];
    if (!spec && token.name !== 'help') return { error: `unknown option ${token.rawName}${didYouMean(`--${token.name}`, [...Object.keys(specs), 'help'].map((n) => `--${n}`))}` };
    if (spec?.type === 'string' && token.value === undefined) return { error: `option --${token.name} needs a value (${spec.placeholder ?? 'VALUE'})` };
    if (spec?.type === 'boolean' && token.inlineValue) return { error: `option --${token.name} takes no value` };
  }
  const parsed = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true });
  const values: ParsedArgs['values'] = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = parsed.values[name] ?? spec.default;
    if (typeof value === 'string' && spec.choices && !spec.choices.includes(value)) {
      return { error: `--${name} must be one of ${spec.choices.join(', ')}, not "${value}"${didYouMean(value, spec.choices)}` };
    }
    values[name] = value as string | boolean | undefined;
  }
  values.help = parsed.values.help === true;
  if (parsed.positionals.length > maxPositionals) return { error: `unexpected argument "${parsed.positionals[maxPositionals]}"` };
  return { values, positionals: parsed.positionals };
}

/** The options part of a command's help. */
export function formatOptions(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, s]) => {
    const flag = `--${name}${s.type === 'string' ? ` ${s.placeholder ?? 'VALUE'}` : ''}`;
    const extra = s.default !== undefined ? ` (default: ${s.default})` : '';
    return [flag, s.description + extra] as const;
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`).join('\n');
}
