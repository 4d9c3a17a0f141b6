/** Nudging a number field with ↑/↓ (Shift: ×10): src/ui/useShortcuts.ts nudgedText. */
import { describe, expect, it } from 'vitest';
import { nudgedText, nudgeStep } from '../../src/ui/useShortcuts.ts';

describe('nudgedText', () => {
  it('steps one unit of the last decimal shown and keeps the decimals (also with Shift)', () => {
    expect(nudgeStep('1.22')).toBeCloseTo(0.01, 15);
    expect(nudgedText('1.22', 1, false)).toBe('1.23');
    expect(nudgedText('1.22', -1, true)).toBe('1.12'); // was "1.1": the ×10 step set the decimals
    expect(nudgedText('1.19', 1, false)).toBe('1.20');
    expect(nudgedText('0.35', -1, true)).toBe('0.25');
    expect(nudgedText('3', 1, true)).toBe('13');
    expect(nudgedText('2.5', -1, false)).toBe('2.4');
    expect(nudgedText('-0.05', 1, false)).toBe('-0.04');
  });
  it('leaves text that is not a number alone', () => {
    expect(nudgedText('', 1, false)).toBeNull();
    expect(nudgedText('1.2.3', 1, false)).toBeNull();
    expect(nudgedText('abc', -1, true)).toBeNull();
  });
});
