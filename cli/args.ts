/**
 * Command-line argument parsing for the CLI (contract in ../shared/DESIGN.md):
 * `<command> --flag value` or `--flag=value`; a negative number after a flag is a value, not a flag.
 */

export class CliError extends Error {}

export interface CliArgs {
  command: string;
  flags: Map<string, string>;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function parseArgv(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command.startsWith('--')) throw new CliError('usage: cli <command> --flag value ... (see README)');
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const tok = rest[i];
    if (!tok.startsWith('--')) throw new CliError(`unexpected argument "${tok}" (flags look like --name value)`);
    const eq = tok.indexOf('=');
    if (eq > 0) {
      flags.set(tok.slice(2, eq), tok.slice(eq + 1));
      continue;
    }
    const name = tok.slice(2);
    const next = rest[i + 1];
    if (next === undefined || (next.startsWith('--') && !NUMBER.test(next))) {
      flags.set(name, 'true');
    } else {
      flags.set(name, next);
      i++;
    }
  }
  return { command, flags };
}

/** A required or defaulted finite number flag; throws CliError naming the flag. */
export function numberFlag(a: CliArgs, name: string, fallback?: number): number {
  const raw = a.flags.get(name);
  if (raw === undefined) {
    if (fallback === undefined) throw new CliError(`missing --${name}`);
    return fallback;
  }
  if (!NUMBER.test(raw.trim())) throw new CliError(`--${name} must be a number (got "${raw}")`);
  return Number(raw);
}

export function intFlag(a: CliArgs, name: string, fallback?: number): number {
  const v = numberFlag(a, name, fallback);
  if (!Number.isInteger(v)) throw new CliError(`--${name} must be an integer (got ${v})`);
  return v;
}

export function stringFlag(a: CliArgs, name: string, fallback?: string): string {
  const raw = a.flags.get(name);
  if (raw === undefined) {
    if (fallback === undefined) throw new CliError(`missing --${name}`);
    return fallback;
  }
  return raw;
}

/** Comma-separated list of finite numbers. */
export function numberListFlag(a: CliArgs, name: string, fallback?: number[]): number[] {
  const raw = a.flags.get(name);
  if (raw === undefined) {
    if (fallback === undefined) throw new CliError(`missing --${name}`);
    return fallback;
  }
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((s) => !NUMBER.test(s))) {
    throw new CliError(`--${name} must be a comma-separated list of numbers (got "${raw}")`);
  }
  return parts.map(Number);
}

/** Warns about flags a command did not read (typos such as --gammai). */
export function rejectUnknown(a: CliArgs, known: string[]): void {
  for (const k of a.flags.keys()) {
    if (!known.includes(k)) throw new CliError(`unknown flag --${k} for "${a.command}" (known: ${known.map((s) => '--' + s).join(' ')})`);
  }
}
