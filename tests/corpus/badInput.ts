/**
 * The bad-input corpus (issue 14): every kind of wrong value a user, a link or a script can send,
 * with the message it must produce. Used by the CLI tests (tests/cli/corpus.test.ts), the URL
 * parser tests (tests/state/corpus.test.ts) and the browser tests (tests/e2e). A case names the
 * parameter and what it must say: the message must name the parameter and its allowed range.
 */

const EXACT = ['--N', '3', '--d', '2', '--dissipator', 'spin', '--gammaI', '1', '--gammaC', '0.5', '--V', '1'];
const MF = ['--d', '3', '--dissipator', 'spin', '--gammaI', '1', '--gammaC', '0.5', '--V', '1'];

/** Replaces (or adds) one flag of a flag list. */
function withFlag(base: string[], name: string, value: string | null): string[] {
  const out: string[] = [];
  for (let i = 0; i < base.length; i += 2) if (base[i] !== `--${name}`) out.push(base[i], base[i + 1]);
  if (value !== null) out.push(`--${name}`, value);
  return out;
}

export interface CliCase {
  name: string;
  argv: string[];
  /** What the one-line message on stderr must match (it names the parameter and the range). */
  message: RegExp;
}

const rateValues: Array<[string, string, RegExp]> = [
  ['negative', '-1', /must be ≥ 0/],
  ['NaN', 'NaN', /must be a number/],
  ['Infinity', 'Infinity', /must be a number/],
  ['overflowing', '1e999', /must be a finite number/],
  ['huge', '1e300', /at most 1e\+?12/],
  ['non-numeric', 'abc', /must be a number/],
  ['empty', '', /must be a number/],
];

export const CLI_CASES: CliCase[] = [
  ...(['gammaI', 'gammaC'] as const).flatMap((p) =>
    ['steady-state', 'mf-fixed-points'].flatMap((cmd) =>
      rateValues.map(([kind, v, msg]) => ({
        name: `${cmd}: ${kind} ${p}`,
        argv: [cmd, ...withFlag(cmd === 'steady-state' ? EXACT : MF, p, v)],
        message: new RegExp(`${p}.*${msg.source}|${msg.source}.*${p}`),
      })),
    ),
  ),
  ...rateValues.filter(([k]) => k !== 'negative').map(([kind, v, msg]) => ({
    name: `gaps: ${kind} V`, argv: ['gaps', ...withFlag(EXACT, 'V', v)], message: new RegExp(`V.*${msg.source}|${msg.source}.*V`),
  })),
  { name: 'd = 1', argv: ['steady-state', ...withFlag(EXACT, 'd', '1')], message: /d must be an integer with 2 ≤ d ≤ 20/ },
  { name: 'd = 0', argv: ['mf-fixed-points', ...withFlag(MF, 'd', '0')], message: /d must be an integer with 2 ≤ d ≤ 20/ },
  { name: 'd = 2.5', argv: ['steady-state', ...withFlag(EXACT, 'd', '2.5')], message: /--d must be an integer/ },
  { name: 'd = 50', argv: ['mf-fixed-points', ...withFlag(MF, 'd', '50')], message: /d must be an integer with 2 ≤ d ≤ 20/ },
  { name: 'd = NaN', argv: ['sectors', '--N', '3', '--d', 'NaN'], message: /--d must be a number/ },
  { name: 'N = 0', argv: ['steady-state', ...withFlag(EXACT, 'N', '0')], message: /N must be ≥ 1/ },
  { name: 'N = -3', argv: ['gaps', ...withFlag(EXACT, 'N', '-3')], message: /N must be ≥ 1/ },
  { name: 'N = 1e6', argv: ['steady-state', ...withFlag(EXACT, 'N', '1000000')], message: /N=1000000, d=2: .*memory budget/ },
  { name: 'N = 2.5', argv: ['gaps', ...withFlag(EXACT, 'N', '2.5')], message: /--N must be an integer/ },
  { name: 'unknown dissipator', argv: ['steady-state', ...withFlag(EXACT, 'dissipator', 'lindblad')], message: /--dissipator must be spin, flat or custom/ },
  { name: 'custom ℓ of the wrong length', argv: ['steady-state', ...withFlag(withFlag(EXACT, 'dissipator', 'custom'), 'd', '4'), '--ell', '1,2'], message: /d-1 = 3 entries/ },
  { name: 'custom ℓ with NaN', argv: ['mf-fixed-points', ...withFlag(withFlag(MF, 'dissipator', 'custom'), 'd', '3'), '--ell', '1.4,NaN'], message: /--ell must be a comma-separated list of numbers/ },
  { name: 'custom ℓ with ℓ_-j = 0', argv: ['mf-fixed-points', ...withFlag(withFlag(MF, 'dissipator', 'custom'), 'd', '3'), '--ell', '0,1'], message: /ℓ_\{-j\} must be non-zero/ },
  { name: 'missing rate', argv: ['steady-state', ...withFlag(EXACT, 'gammaC', null)], message: /missing --gammaC/ },
  { name: 'unknown flag (typo)', argv: ['steady-state', ...EXACT, '--gammai', '1'], message: /unknown flag --gammai/ },
  { name: 'unknown command', argv: ['steady', ...EXACT], message: /unknown command "steady"/ },
  { name: 'no command', argv: [], message: /usage: cli <command>/ },
  { name: 'stray argument', argv: ['steady-state', 'N=3'], message: /unexpected argument "N=3"/ },
  { name: 'bad sector label', argv: ['spectrum', ...EXACT, '--sector', '+2,+1'], message: /sector must look like "\+1,-1"/ },
  { name: 'script in a value', argv: ['steady-state', ...withFlag(EXACT, 'gammaI', '<script>alert(1)</script>')], message: /--gammaI must be a number/ },
];

export interface UrlCase {
  name: string;
  query: string;
  /** A notice that must be shown (names the parameter and its range). */
  notice: RegExp;
}

export const URL_CASES: UrlCase[] = [
  { name: 'non-numeric rate', query: '?gammaI=abc', notice: /γ_I must be a number/ },
  { name: 'negative rate', query: '?gammaC=-1', notice: /γ_C must be between 0 and 1000/ },
  { name: 'NaN rate', query: '?gammaI=NaN', notice: /γ_I must be a number/ },
  { name: 'Infinity', query: '?V=Infinity', notice: /V must be a number/ },
  { name: 'huge rate', query: '?gammaI=1e300', notice: /γ_I must be between 0 and 1000/ },
  { name: 'd < 2', query: '?d=1', notice: /d must be between 2 and 20/ },
  { name: 'non-integer d', query: '?d=2.5', notice: /d must be an integer/ },
  { name: 'd = 50', query: '?d=50', notice: /d must be between 2 and 20/ },
  { name: 'N = 0', query: '?view=finite&N=0', notice: /N must be between 1 and 400/ },
  { name: 'N = 1e6', query: '?view=finite&N=1000000', notice: /N must be between 1 and 400/ },
  { name: 'unknown key', query: '?foo=1', notice: /unknown link parameter "foo"/ },
  { name: 'repeated key', query: '?gammaI=0.3&gammaI=0.7', notice: /gammaI is given 2 times; using the last/ },
  { name: 'script in a value', query: '?gammaI=%3Cscript%3Ealert(1)%3C%2Fscript%3E', notice: /γ_I must be a number/ },
  { name: 'script as a key', query: '?%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1', notice: /unknown link parameter/ },
  { name: 'unknown view', query: '?view=../../etc/passwd', notice: /view must be one of/ },
  { name: 'custom ℓ of the wrong length', query: '?d=4&dissipator=custom&ell=1,2', notice: /d − 1 = 3/ },
  { name: 'custom ℓ with NaN', query: '?d=3&dissipator=custom&ell=1,NaN', notice: /ell must be comma-separated numbers/ },
  { name: '100 kB query of unknown keys', query: '?' + Array.from({ length: 8000 }, (_, i) => `k${i}=xxxxxxxx`).join('&'), notice: /8000 unknown link parameters ignored/ },
  { name: '100 kB value', query: '?gammaI=' + '9'.repeat(100_000), notice: /γ_I must be a number/ },
  { name: 'malformed percent-encoding', query: '?gammaI=%E0%A4%A', notice: /γ_I must be a number/ },
];

/** Text typed into a numeric field of the parameter panel, and the message it must show. */
export const FIELD_CASES: Array<{ testId: string; text: string; message: string }> = [
  { testId: 'input-gammaI', text: '-1', message: '≥ 0' },
  { testId: 'input-gammaI', text: 'NaN', message: 'must be a number' },
  { testId: 'input-gammaC', text: 'Infinity', message: 'must be a number' },
  { testId: 'input-gammaC', text: '1e300', message: '≤ 1000' },
  { testId: 'input-V', text: 'abc', message: 'must be a number' },
  { testId: 'input-d', text: '1', message: 'between 2 and' },
  { testId: 'input-d', text: '2.5', message: 'integer' },
  { testId: 'input-d', text: '50', message: 'between 2 and' },
  { testId: 'input-d', text: '', message: 'empty' },
];
