/**
 * CLI entry: `npm run -s cli -- <command> --flag value ...` prints exactly one JSON object on
 * stdout; on bad input a one-line message on stderr and exit code 2 (1 for internal errors).
 * Each command lives in cli/commands/<command>.ts and default-exports
 * `(args: CliArgs) => unknown | Promise<unknown>`; the dispatch is cli/run.ts.
 */
import { runCli } from './run.ts';

const r = await runCli(process.argv.slice(2));
if (r.stdout) process.stdout.write(r.stdout);
if (r.stderr) process.stderr.write(r.stderr);
// success: exit naturally so a large stdout is flushed; failure: exit now with the code
if (r.code !== 0) process.exit(r.code);
