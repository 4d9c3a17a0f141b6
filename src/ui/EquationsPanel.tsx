/**
 * "The model on screen": the equations the current view solves, typeset with KaTeX, with the
 * current parameter values substituted, and one-line definitions of the quantities shown.
 * Loaded lazily (KaTeX and its fonts are not part of the first paint).
 */
import { useMemo } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useStore, currentState } from '../state/store.ts';
import { DEFINITIONS, equationsFor, valuesTex } from './equations.ts';
import { Typeset } from './typeset.tsx';

function TeX({ tex, display = true }: { tex: string; display?: boolean }) {
  const html = useMemo(() => katex.renderToString(tex, { displayMode: display, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' }), [tex, display]);
  return <span className={display ? 'tex tex-display' : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
}

export default function EquationsPanel({ onClose }: { onClose: () => void }) {
  const s = useStore();
  const st = currentState(s);
  const eqs = equationsFor(st);
  return (
    <aside className="equations" aria-label="equations of the current view" data-testid="equations">
      <header className="equations-head">
        <h2>The model on screen</h2>
        <button onClick={onClose} title="Close (E)" aria-label="close the equations panel">×</button>
      </header>
      <div className="eq-values" data-testid="eq-values"><TeX tex={valuesTex(st)} display={false} /></div>
      {eqs.map((e) => (
        <section key={e.eq} className="eq" data-testid={`eq-${e.eq}`}>
          <h3>Eq. ({e.eq}) <span className="eq-caption"><Typeset text={e.caption} /></span></h3>
          {e.tex.map((t, i) => <TeX key={i} tex={t} />)}
        </section>
      ))}
      <section className="eq defs">
        <h3>Definitions</h3>
        <dl>
          {DEFINITIONS.map((g) => (
            <div key={g.term} className="def" title={g.text}>
              <dt><TeX tex={g.tex} display={false} /></dt>
              <dd><Typeset text={g.text} /></dd>
            </div>
          ))}
        </dl>
      </section>
    </aside>
  );
}
