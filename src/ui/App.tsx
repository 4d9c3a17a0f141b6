/** Top-level layout: header with presets and views, parameter panel, the active view. */
import { useStore } from '../state/store.ts';
import { PRESETS } from '../state/presets.ts';
import { VIEWS, type ViewName } from '../state/params.ts';
import { ParameterPanel } from './ParameterPanel.tsx';
import { Fig2View } from './views/Fig2View.tsx';
import { Fig3View } from './views/Fig3View.tsx';
import { Fig4View } from './views/Fig4View.tsx';
import { FiniteView } from './views/FiniteView.tsx';

const VIEW_LABELS: Record<ViewName, string> = {
  fig2: 'Fig. 2 · qubit flow',
  fig3: 'Fig. 3 · trajectories',
  fig4: 'Fig. 4 · phase diagram',
  finite: 'Figs. 5–7 · finite N',
};

export function App() {
  const s = useStore();
  return (
    <div className="app">
      <header className="top">
        <h1>Qudit DPT Explorer</h1>
        <nav className="tabs" aria-label="views">
          {VIEWS.map((v) => (
            <button key={v} className={s.view === v ? 'active' : ''} data-testid={`tab-${v}`} onClick={() => s.set({ view: v })}>
              {VIEW_LABELS[v]}
            </button>
          ))}
        </nav>
        <label className="select preset">
          <span>Preset</span>
          <select
            value=""
            data-testid="select-preset"
            onChange={(e) => {
              const p = PRESETS.find((x) => x.id === e.target.value);
              if (p) s.set(p.patch);
            }}
          >
            <option value="">choose a figure panel…</option>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>{p.label}</option>
            ))}
          </select>
        </label>
      </header>
      {s.notices.length > 0 && (
        <div className="notice" role="status" data-testid="notice">
          <strong>Some link parameters were not valid and defaults are shown:</strong>
          <ul>{s.notices.map((n, i) => <li key={i}>{n}</li>)}</ul>
          <button onClick={s.dismissNotices}>dismiss</button>
        </div>
      )}
      <main className="body">
        <ParameterPanel />
        <div className="content">
          {s.view === 'fig2' && <Fig2View />}
          {s.view === 'fig3' && <Fig3View />}
          {s.view === 'fig4' && <Fig4View />}
          {s.view === 'finite' && <FiniteView />}
        </div>
      </main>
      <footer className="foot">
        Model: Pausch, Damanet, Bastin &amp; Martin, “Dissipative phase transition: from qubits to qudits”. Mean field N → ∞ (Sec. III) and exact finite N in the permutation-invariant operator space (Secs. IV–V).
      </footer>
    </div>
  );
}
