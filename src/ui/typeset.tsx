/**
 * Symbols typeset the same on the page and in Plotly (titles, legends, exported PNG/SVG): the
 * plain-text convention `γ_I`, `ℓ_{−j}`, `d^N` of src/state/vocabulary.ts becomes a subscript or
 * superscript. Only a single-letter base not preceded by a letter counts, so identifiers such as
 * `fixed_points` are left alone.
 */
import { Fragment, type ReactNode } from 'react';

const SCRIPT = /(?<![\p{L}\p{N}])([\p{L}])([_^])(\{([^{}]*)\}|[−+-]?[\p{L}\p{Nd}.]*[\p{L}\p{Nd}])/gu;

interface Piece { text: string; script?: 'sub' | 'sup' }

/** Splits a string into plain runs and sub/superscripts. */
export function scriptPieces(s: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of s.matchAll(SCRIPT)) {
    const at = m.index ?? 0;
    out.push({ text: s.slice(last, at) + m[1] });
    out.push({ text: m[4] ?? m[3], script: m[2] === '_' ? 'sub' : 'sup' });
    last = at + m[0].length;
  }
  out.push({ text: s.slice(last) });
  return out.filter((p) => p.text !== '');
}

/** Plotly's markup (<sub>, <sup>) for a plain-text label. */
export function plotlyMarkup(s: string): string {
  if (!s.includes('_') && !s.includes('^')) return s;
  return scriptPieces(s).map((p) => (p.script ? `<${p.script}>${p.text}</${p.script}>` : p.text)).join('');
}

/** A plain-text label with its sub- and superscripts typeset. */
export function Typeset({ text }: { text: string }): ReactNode {
  if (!text.includes('_') && !text.includes('^')) return text;
  return scriptPieces(text).map((p, i) => (p.script === 'sub' ? <sub key={i}>{p.text}</sub> : p.script === 'sup' ? <sup key={i}>{p.text}</sup> : <Fragment key={i}>{p.text}</Fragment>));
}

const TEXT_KEYS = new Set(['text', 'name', 'hovertemplate']);

/**
 * A copy of a Plotly layout or trace with its labels typeset: every string under a `text`, `name`
 * or `hovertemplate` key (titles, annotations, colour-bar titles, trace names). Data arrays are
 * shared, not copied.
 */
export function typesetFigure<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (TEXT_KEYS.has(key) ? plotlyMarkup(value) : value) as T;
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    // arrays of numbers (the data) are returned as they are; arrays of objects (annotations, shapes) are walked
    if (value.length === 0 || typeof value[0] !== 'object' || value[0] === null) return key === 'text' ? (value.map((v) => (typeof v === 'string' ? plotlyMarkup(v) : v)) as T) : value;
    return value.map((v) => typesetFigure(v, key)) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = typesetFigure(v, k);
  return out as T;
}
