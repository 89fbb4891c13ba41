import { formatSummary } from '../../diagnostics/format.js';
import { nowFrom, RECORD_OPTIONS, RENDER_OPTIONS, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { missingDir, printDiagnostics } from './validate.js';

export const devCommand: Command = {
  name: 'dev',
  summary: 'serve the site on this machine, rebuild on every save, and reload the browser',
  usage: 'dev [--dir incidents] [--port 4173] [--host 127.0.0.1] [--templates DIR]',
  positionals: 0,
  options: {
    ...RECORD_OPTIONS,
    port: { type: 'string', placeholder: 'PORT', default: '4173', description: 'the port to serve on (0: any free port)' },
    host: { type: 'string', placeholder: 'HOST', default: '127.0.0.1', description: 'the address to listen on (loopback only by default)' },
    templates: RENDER_OPTIONS.templates!,
    locale: RENDER_OPTIONS.locale!,
  },
  async run(args, io) {
    const now = nowFrom(args, io);
    const dir = args.values.dir as string;
    const port = Number(args.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr.write(`disclosed dev: --port must be a whole number from 0 to 65535, not "${String(args.values.port)}"\n`);
      return EXIT.usage;
    }
    if (!now || (await missingDir(dir, io))) return EXIT.usage;
    // The server (and Node's HTTP modules) load only for this command: 6-11 ms of every other's start.
    const { startDev } = await import('../../dev/server.js');
    let server;
    try {
      server = await startDev({
        dir, cwd: io.cwd, host: args.values.host as string, port, now,
        locale: args.values.locale as string, templates: args.values.templates as string | undefined,
        onBuild(build) {
          if (build.ok) io.stderr.write(`built ${build.records} records in ${build.ms} ms\n`);
          else if (build.error) io.stderr.write(`${build.error}\nstill serving the last good build\n`);
          else {
            io.stderr.write(printDiagnostics(build.diagnostics, build.sources, io.stderr, io.env));
            io.stderr.write(`${formatSummary(build.diagnostics, new Set(build.diagnostics.map((d) => d.file)).size).trim()}; still serving the last good build\n`);
          }
        },
      });
    } catch (error) {
      io.stderr.write(`disclosed dev: cannot listen on ${String(args.values.host)}:${port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
      return EXIT.failed;
    }
    io.stderr.write(`serving ${dir}/ at ${server.url} (Ctrl+C to stop)\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return EXIT.ok;
  },
};
