/**
 * CLI entry: `npm run -s cli -- <command> --flag value ...` prints exactly one JSON object on
 * stdout; on bad input a one-line message on stderr and exit code 2 (1 for internal errors).
 * Each command lives in cli/commands/<command>.ts and default-exports
 * `(args: CliArgs) => unknown | Promise<unknown>`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, parseArgv } from './args.ts';

const here = dirname(fileURLToPath(import.meta.url));

function commandNames(): string[] {
  return readdirSync(join(here, 'commands'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function main(): Promise<void> {
  const args = parseArgv(process.argv.slice(2));
  const names = commandNames();
  if (!names.includes(args.command)) {
    throw new CliError(`unknown command "${args.command}" (commands: ${names.join(', ')})`);
  }
  const mod = (await import(join(here, 'commands', args.command + '.ts'))) as {
    default: (a: typeof args) => unknown;
  };
  const out = await mod.default(args);
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e: unknown) => {
  const isInput = e instanceof CliError || e instanceof RangeError;
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: ${msg.split('\n')[0]}\n`);
  process.exit(isInput ? 2 : 1);
});
