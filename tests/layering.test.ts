/**
 * The layering of ../shared/DESIGN.md, checked with dependency-cruiser and the rules in
 * .dependency-cruiser.cjs: no file under src/ui or src/state imports src/physics or src/linalg,
 * the two engines do not import each other, imports point down only, no cycles.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';

const root = fileURLToPath(new URL('..', import.meta.url));
const rules = createRequire(import.meta.url)('../.dependency-cruiser.cjs');

async function violations(paths: string[]): Promise<string[]> {
  const prev = process.cwd();
  process.chdir(root);
  try {
    const r = await cruise(paths, { validate: true, ruleSet: rules, ...rules.options });
    const out = r.output as ICruiseResult;
    return out.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  } finally {
    process.chdir(prev);
  }
}

describe('import rules', () => {
  it('hold for the project (src, workers, cli)', async () => {
    expect(await violations(['src', 'workers', 'cli'])).toEqual([]);
  }, 60_000);

  it('catch a UI module importing physics and an engine importing the other (fixture tree)', async () => {
    const v = await violations(['tests/fixtures/layering']);
    expect(v).toContain('ui-state-no-numerics: tests/fixtures/layering/src/ui/view.ts → tests/fixtures/layering/src/physics/meanfield/engine.ts');
    expect(v).toContain('engines-apart: tests/fixtures/layering/src/physics/meanfield/engine.ts → tests/fixtures/layering/src/physics/exact/engine.ts');
    expect(v).toHaveLength(2);
  }, 60_000);
});
