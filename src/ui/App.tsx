/**
 * Top-level layout: header (views, presets, lecture mode, equations, link, cite), parameter
 * panel, the active view. The shell paints at once; the views, Plotly and KaTeX are separate
 * chunks loaded on demand (React.lazy / dynamic import) with a visible loading state.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useStore, currentState } from '../state/store.ts';
import { activePreset, presetGroups, stepPreset } from '../state/presets.ts';
import { VIEWS, type ViewName } from '../state/params.ts';
import { ParameterPanel } from './ParameterPanel.tsx';
import { loadPlotly } from './PlotPanel.tsx';
import { useShortcuts, SHORTCUTS } from './useShortcuts.ts';
import { APP_VERSION, bibtex, citation } from './cite.ts';
import { Typeset } from './typeset.tsx';

// Each view is its own chunk. New views: add a lazy import here and a label below; a view
// without a component shows a placeholder.
const VIEW_COMPONENTS: Partial<Record<ViewName, React.LazyExoticComponent<() => React.ReactNode>>> = {
  fig2: lazy(() => import('./views/Fig2View.tsx').then((m) => ({ default: m.Fig2View }))),
  fig3: lazy(() => import('./views/Fig3View.tsx').then((m) => ({ default: m.Fig3View }))),
  fig4: lazy(() => import('./views/Fig4View.tsx').then((m) => ({ default: m.Fig4View }))),
  finite: lazy(() => import('./views/FiniteView.tsx').then((m) => ({ default: m.FiniteView }))),
  fig5: lazy(() => import('./views/finite/Fig5View.tsx').then((m) => ({ default: m.Fig5View }))),
  fig6: lazy(() => import('./views/finite/Fig6View.tsx').then((m) => ({ default: m.Fig6View }))),
  fig7: lazy(() => import('./views/finite/Fig7View.tsx').then((m) => ({ default: m.Fig7View }))),
  fig8: lazy(() => import('./views/finite/Fig8View.tsx').then((m) => ({ default: m.Fig8View }))),
};
const EquationsPanel = lazy(() => import('./EquationsPanel.tsx'));

/** Tab labels (short, so the header stays one row at 1280 px) and their tooltips. */
const VIEW_LABELS: Record<string, { short: string; long: string }> = {
  fig2: { short: 'Fig. 2', long: 'Fig. 2 · qubit mean-field flow, Eq. (10)' },
  fig3: { short: 'Fig. 3', long: 'Fig. 3 · mean-field trajectories for any d, Eq. (9)' },
  fig4: { short: 'Fig. 4', long: 'Fig. 4 · mean-field steady states, phase diagram, fixed points, exponents' },
  fig5: { short: 'Fig. 5', long: 'Fig. 5 · Liouvillian gaps over (γ_I, γ_C)' },
  fig6: { short: 'Fig. 6', long: 'Fig. 6 · gaps versus γ_I/|V| and versus 1/N' },
  fig7: { short: 'Fig. 7', long: 'Fig. 7 · steady-state purity over (γ_I, γ_C)' },
  fig8: { short: 'Fig. 8', long: 'Fig. 8 · steady-state negativity over (γ_I, γ_C), Eq. (17)' },
  finite: { short: 'Finite N', long: 'Exact finite N at the current parameters: steady state, spectrum, gaps, maps, dynamics' },
};
const label = (v: ViewName) => VIEW_LABELS[v] ?? { short: v, long: v };
/** The tabs in the paper's order (figures ascending, the free finite-N view last). */
export const TAB_ORDER: ViewName[] = [...VIEWS].sort((a, b) => (Number(/\d+/.exec(a)?.[0] ?? 99) - Number(/\d+/.exec(b)?.[0] ?? 99)));

function Loading({ what }: { what: string }) {
  return <div className="loading" role="status" data-testid="view-loading">loading {what}…</div>;
}

function PresetPicker() {
  const s = useStore();
  const st = currentState(s);
  const active = activePreset(st);
  const step = (dir: 1 | -1) => {
    const p = stepPreset(st, dir);
    if (p) s.applyPreset(p.id);
  };
  return (
    <div className="preset">
      <button className="step" onClick={() => step(-1)} title="Previous preset of this figure ([ or PageUp)" aria-label="previous preset" data-testid="preset-prev">‹</button>
      <label className="select">
        <span className="sr-only">Preset</span>
        <select value={active?.id ?? ''} data-testid="select-preset" title={active ? `active preset: ${active.label}` : 'no preset matches the current parameters'}
          onChange={(e) => { if (e.target.value) s.applyPreset(e.target.value); }}>
          <option value="">{active ? 'presets…' : 'no preset (custom)'}</option>
          {presetGroups().map((g) => (
            <optgroup key={g.figure} label={g.label}>
              {g.presets.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
            </optgroup>
          ))}
        </select>
      </label>
      <button className="step" onClick={() => step(1)} title="Next preset of this figure (] or PageDown)" aria-label="next preset" data-testid="preset-next">›</button>
    </div>
  );
}

type Pop = null | 'link' | 'cite' | 'keys';

function Popover({ kind, onClose }: { kind: Exclude<Pop, null>; onClose: () => void }) {
  const href = window.location.href;
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (text: string) =>
    navigator.clipboard?.writeText(text).then(() => setCopied('copied to the clipboard'), () => setCopied('select and copy the text above'))
      ?? setCopied('select and copy the text above');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (kind === 'link') void copy(href);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind]);
  useEffect(() => {
    // a click elsewhere or Esc closes it
    const away = (e: MouseEvent) => { if (ref.current && !ref.current.contains(e.target as Node) && !(e.target as Element).closest?.('.actions')) onClose(); };
    const esc = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [onClose]);
  return (
    <div className="popover" role="dialog" aria-label={kind} data-testid={`popover-${kind}`} ref={ref}>
      <button className="close" onClick={onClose} aria-label="close">×</button>
      {kind === 'link' && (
        <>
          <p>This link restores the view and every parameter:</p>
          <input readOnly value={href} onFocus={(e) => e.target.select()} data-testid="link-text" autoFocus />
          <p className="hint">{copied ?? '…'}</p>
        </>
      )}
      {kind === 'cite' && (
        <>
          <p data-testid="cite-text">{citation(href)}</p>
          <pre className="bibtex">{bibtex(href)}</pre>
          <button onClick={() => void copy(bibtex(href))}>copy BibTeX</button> <span className="hint">{copied}</span>
        </>
      )}
      {kind === 'keys' && (
        <table className="keys"><tbody>{SHORTCUTS.map(([k, what]) => <tr key={k}><th>{k}</th><td>{what}</td></tr>)}</tbody></table>
      )}
    </div>
  );
}

export function App() {
  const s = useStore();
  const [pop, setPop] = useState<Pop>(null);
  const toggle = (p: Exclude<Pop, null>) => setPop((o) => (o === p ? null : p));
  const closePop = useCallback(() => setPop(null), []);
  useShortcuts(useCallback(() => setPop((o) => (o === 'keys' ? null : 'keys')), []));
  useEffect(() => {
    // the plotting library is needed by every view: fetch it while the shell is on screen
    void loadPlotly();
    performance.mark('shell');
  }, []);
  const View = VIEW_COMPONENTS[s.view] ?? (() => <p className="loading">This view is not available in this build.</p>);
  return (
    <div className={`app${s.lecture ? ' lecture' : ''}`} data-testid="app" data-lecture={s.lecture ? 'true' : 'false'}>
      <header className="top">
        <h1 title={`Qudit DPT Explorer ${APP_VERSION}`}>Qudit DPT Explorer</h1>
        <nav className="tabs" aria-label="views">
          {TAB_ORDER.map((v, i) => (
            <button key={v} className={s.view === v ? 'active' : ''} data-testid={`tab-${v}`} title={`${label(v).long.replace(/_/g, '')}${i < 9 ? ` (key ${i + 1})` : ''}`} aria-current={s.view === v ? 'page' : undefined} onClick={() => s.set({ view: v })}>
              {label(v).short}
            </button>
          ))}
        </nav>
        <PresetPicker />
        <div className="actions">
          <button className={s.info ? 'on' : ''} onClick={() => s.set({ info: !s.info })} data-testid="toggle-equations" title="The equations of this view with the current values (E)">Equations</button>
          <button className={s.lecture ? 'on' : ''} onClick={() => s.set({ lecture: !s.lecture })} data-testid="toggle-lecture" title="Lecture mode: plots fill the screen, projector fonts (L; Esc leaves)">Lecture</button>
          <button onClick={() => toggle('link')} data-testid="copy-link" title="Copy a link that restores this view">Link</button>
          <button onClick={() => toggle('cite')} data-testid="cite" title="How to cite the paper and this explorer">Cite</button>
          <button onClick={() => toggle('keys')} title="Keyboard shortcuts (?)" aria-label="keyboard shortcuts">?</button>
          {pop && <Popover kind={pop} onClose={closePop} />}
        </div>
      </header>
      {s.notices.length > 0 && (
        <div className="notice" role="status" data-testid="notice">
          <strong>Some link parameters were not valid and defaults are shown (the address bar now holds the corrected link):</strong>
          <ul>{s.notices.map((n, i) => <li key={i}>{n}</li>)}</ul>
          <button onClick={s.dismissNotices}>dismiss</button>
        </div>
      )}
      <main className="body">
        <ParameterPanel />
        <div className="content">
          <Suspense fallback={<Loading what="the view" />}>
            <View />
          </Suspense>
        </div>
      </main>
      {s.info && (
        <Suspense fallback={<aside className="equations"><Loading what="the equations" /></aside>}>
          <EquationsPanel onClose={() => s.set({ info: false })} />
        </Suspense>
      )}
      <footer className="foot">
        <Typeset text="Model: Pausch, Damanet, Bastin & Martin, “Dissipative phase transition: from qubits to qudits”. Mean field N → ∞ (Sec. III) and exact finite N in the permutation-invariant operator space (Secs. IV–V)." />{' '}
        Qudit DPT Explorer {APP_VERSION}.
      </footer>
    </div>
  );
}
