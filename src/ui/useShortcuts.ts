/**
 * Keyboard shortcuts for teaching: L lecture mode, E equations, [ / ] (also PageUp / PageDown,
 * the keys of a presentation clicker, and ← / → when no control has the focus) step through the
 * presets of the current figure, 1–4 pick the view, ↑ / ↓ nudge the focused numeric field (Shift:
 * ×10; sliders move with the arrow keys natively), Esc leaves lecture mode.
 */
import { useEffect } from 'react';
import { useStore, currentState } from '../state/store.ts';
import { stepPreset } from '../state/presets.ts';
import { VIEWS, type ViewName } from '../state/params.ts';

/** The views in the paper's order (keys 1–9), as the tabs show them. */
const ORDER: ViewName[] = [...VIEWS].sort((a, b) => Number(/\d+/.exec(a)?.[0] ?? 99) - Number(/\d+/.exec(b)?.[0] ?? 99));

export const SHORTCUTS: Array<[string, string]> = [
  ['L', 'lecture mode on / off (Esc leaves it)'],
  ['E', 'equations of the current view'],
  ['] or PageDown (→)', 'next preset of this figure'],
  ['[ or PageUp (←)', 'previous preset of this figure'],
  ['1 – 9', 'the views, in the order of the tabs'],
  ['↑ / ↓ in a number field', 'nudge the value (Shift: ×10); sliders: arrow keys'],
  ['?', 'this list'],
];

/** The step of a nudge: one unit of the last decimal shown (integers: 1). */
export function nudgeStep(text: string): number {
  const t = text.trim();
  const dot = t.indexOf('.');
  if (dot < 0 || /e/i.test(t)) return 1;
  return 10 ** -(t.length - dot - 1);
}

/**
 * The text after one nudge of `text` (null: not a number): ± one unit of the last decimal shown,
 * ×10 with Shift, written with as many decimals as the text had (1.22 → Shift+↓ → 1.12, not 1.1).
 */
export function nudgedText(text: string, dir: 1 | -1, big: boolean): string | null {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) return null;
  const unit = nudgeStep(text);
  const decimals = Math.max(0, -Math.floor(Math.log10(unit) + 1e-9));
  return (v + dir * unit * (big ? 10 : 1)).toFixed(decimals);
}

function nudge(el: HTMLInputElement, dir: 1 | -1, big: boolean): boolean {
  const next = nudgedText(el.value, dir, big);
  if (next === null) return false;
  // through the native setter so React sees an ordinary input event
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, next);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}

const isTyping = (el: Element | null) =>
  el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button'].includes(el.type));

export function useShortcuts(onHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = document.activeElement;
      const st = useStore.getState();
      if (target instanceof HTMLInputElement && target.type === 'text' && target.inputMode === 'decimal' && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        if (nudge(target, e.key === 'ArrowUp' ? 1 : -1, e.shiftKey)) e.preventDefault();
        return;
      }
      if (isTyping(target)) return;
      // a focused slider keeps its own keys (arrows, PageUp/PageDown, Home/End)
      if (target instanceof HTMLInputElement && target.type === 'range' && /^(Arrow|Page|Home|End)/.test(e.key)) return;
      const step = (dir: 1 | -1) => {
        const p = stepPreset(currentState(st), dir);
        if (p) st.applyPreset(p.id);
        e.preventDefault();
      };
      switch (e.key) {
        case 'l': case 'L': st.set({ lecture: !st.lecture }); e.preventDefault(); break;
        case 'Escape': if (st.lecture) { st.set({ lecture: false }); e.preventDefault(); } break;
        case 'e': case 'E': st.set({ info: !st.info }); e.preventDefault(); break;
        case ']': case 'PageDown': step(1); break;
        case '[': case 'PageUp': step(-1); break;
        case 'ArrowRight': step(1); break;
        case 'ArrowLeft': step(-1); break;
        case '?': onHelp(); e.preventDefault(); break;
        default:
          if (/^[1-9]$/.test(e.key) && Number(e.key) <= ORDER.length) { st.set({ view: ORDER[Number(e.key) - 1] }); e.preventDefault(); }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onHelp]);
}
