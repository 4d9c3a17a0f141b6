/**
 * The CLI as a function (what cli/main.ts runs): parses argv, dispatches to
 * cli/commands/<command>.ts, and returns the exit code and the text for stdout/stderr instead of
 * writing and exiting, so tests can run many cases in one process. Contract (DESIGN.md): exactly
 * one JSON object on stdout on success; on bad input one line "error: …" on stderr and code 2;
 * internal errors code 1.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, parseArgv } from './args.ts';

const here = dirname(fileURLToPath(import.meta.url));

export function commandNames(): string[] {
  return readdirSync(join(here, 'commands'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one CLI invocation (argv without node and script). Never throws. */
export async function runCli(argv: string[]): Promise<CliOutcome> {
  try {
    const args = parseArgv(argv);
    const names = commandNames();
    if (!names.includes(args.command)) {
      throw new CliError(`unknown command "${args.command}" (commands: ${names.join(', ')})`);
    }
    const mod = (await import(join(here, 'commands', args.command + '.ts'))) as { default: (a: typeof args) => unknown };
    const out = await mod.default(args);
    return { code: 0, stdout: JSON.stringify(out) + '\n', stderr: '' };
  } catch (e: unknown) {
    const isInput = e instanceof CliError || e instanceof RangeError;
    const msg = e instanceof Error ? e.message : String(e);
    return { code: isInput ? 2 : 1, stdout: '', stderr: `error: ${msg.split('\n')[0]}\n` };
  }
}
