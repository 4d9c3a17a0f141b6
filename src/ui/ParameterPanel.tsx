/**
 * Parameter panel: d, dissipator, γ_I/|V|, γ_C/|V|, sign and size of V, with sliders for
 * dragging and exact numeric inputs. Rates are stored in absolute units; the sliders act on the
 * ratios γ/|V| the paper uses. In lecture mode the same controls collapse to a narrow strip
 * (hints hidden), so none becomes unreachable.
 */
import { useStore } from '../state/store.ts';
import { CHECKS, MAX_RATE, num, type Dissipator } from '../state/params.ts';

/** The |V| field: the magnitude, 0 to MAX_RATE (the sign has its own selector). */
const ABS_V_CHECK = num('|V|', 0, MAX_RATE);
import { DISSIPATOR_LABEL, DISSIPATOR_SOURCE } from '../state/vocabulary.ts';
import { NumberField } from './NumberField.tsx';
import { Typeset } from './typeset.tsx';
import { MAX_D } from '../contracts/model.ts';
import { disabledReason } from '../contracts/meanfield.ts';

const PLAIN = { border: 0, padding: 0, margin: 0, minWidth: 0 } as const;

function Slider(p: { label: React.ReactNode; value: number; min: number; max: number; step: number; onChange: (v: number) => void; testId: string }) {
  return (
    <label className="slider">
      <span>{p.label}</span>
      <input
        type="range"
        min={p.min}
        max={p.max}
        step={p.step}
        value={Math.min(p.max, Math.max(p.min, p.value))}
        data-testid={p.testId}
        onChange={(e) => {
          performance.mark('input');
          p.onChange(Number(e.target.value));
        }}
      />
    </label>
  );
}

const ratioCheck = (name: string) => (raw: string) => {
  const t = raw.trim();
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) return { error: `${name} must be a number from 0 to ${MAX_RATE}${t === '' ? ' (the field is empty)' : ` (got "${raw}")`}` };
  if (v < 0 || v > MAX_RATE) return { error: `${name} must be ≥ 0 and ≤ ${MAX_RATE} (got ${v})` };
  return { value: v };
};

export function ParameterPanel() {
  const s = useStore();
  const aV = Math.abs(s.V);
  const unit = aV > 0 ? aV : 1;
  const ratio = aV > 0 ? (s.gammaI + s.gammaC) / aV : Infinity;
  const phase =
    aV === 0 ? 'V = 0: no interaction' :
    ratio > 2 ? 'dissipation-dominated (z-polarised steady state)' :
    ratio < 2 ? 'interaction-dominated (broken Π1 symmetry)' : 'critical point';
  const offD = disabledReason(s.view, 'd'), offL = disabledReason(s.view, 'dissipator');
  const customError =
    s.dissipator === 'custom' && s.ell.length !== s.d - 1 ? `enter d − 1 = ${s.d - 1} values ℓ_−j..ℓ_j−1` : null;
  return (
    <aside className={`params${s.lecture ? ' strip' : ''}`} aria-label="parameters" data-testid="params">
      <h2>Parameters</h2>
      {/* controls the view does not use are disabled with their reason (INAPPLICABLE_CONTROLS) */}
      <fieldset className="inapplicable" disabled={offD !== null} title={offD ?? undefined} style={PLAIN}>
      <div className="row">
        <Slider label="d (levels)" value={s.d} min={2} max={10} step={1} testId="slider-d" onChange={(d) => s.set({ d })} />
        <NumberField label="d" value={s.d} check={CHECKS.d} onChange={(d) => s.set({ d })} testId="input-d" width={60} />
      </div>
      {offD && <p className="hint" data-testid="disabled-d">{offD}</p>}
      </fieldset>
      <p className="hint">d = 2j + 1 from 2 to {MAX_D}; the slider spans 2–10.</p>
      <fieldset className="inapplicable" disabled={offL !== null} title={offL ?? undefined} style={PLAIN}>
      <label className="select" title={DISSIPATOR_SOURCE[s.dissipator]}>
        <span>Dissipator L</span>
        <select value={s.dissipator} data-testid="select-dissipator" onChange={(e) => s.set({ dissipator: e.target.value as Dissipator })}>
          {(['spin', 'flat', 'custom'] as const).map((k) => <option key={k} value={k} title={DISSIPATOR_SOURCE[k]}>{DISSIPATOR_LABEL[k]}</option>)}
        </select>
      </label>
      {offL && <p className="hint" data-testid="disabled-dissipator">{offL}</p>}
      </fieldset>
      {s.dissipator === 'custom' && (
        <label className="numfield">
          <span><Typeset text="ℓ_{−j}, …, ℓ_{j−1}" /></span>
          <input
            type="text"
            defaultValue={s.ell.join(', ')}
            data-testid="input-ell"
            onChange={(e) => {
              const r = CHECKS.ell(e.target.value);
              if ('value' in r && r.value.length === s.d - 1 && r.value[0] !== 0) s.set({ ell: r.value });
              else if ('value' in r) s.set({ ell: r.value });
            }}
          />
          {customError && <span className="field-error" role="alert"><Typeset text={customError} /></span>}
          <span className="hint"><Typeset text="rescaled so that ℓ_{−j} = √(2j) (Sec. II)" /></span>
        </label>
      )}
      <div className="row">
         <Slider label={<Typeset text="γ_I / |V|" />} value={s.gammaI / unit} min={0} max={4} step={0.01} testId="slider-gammaI" onChange={(v) => s.set({ gammaI: v * unit })} />
        <NumberField label={<Typeset text="γ_I/|V|" />} value={+(s.gammaI / unit).toPrecision(12)} check={ratioCheck('γ_I/|V|')} onChange={(v) => s.set({ gammaI: v * unit })} testId="input-gammaI" />
      </div>
      <div className="row">
         <Slider label={<Typeset text="γ_C / |V|" />} value={s.gammaC / unit} min={0} max={4} step={0.01} testId="slider-gammaC" onChange={(v) => s.set({ gammaC: v * unit })} />
        <NumberField label={<Typeset text="γ_C/|V|" />} value={+(s.gammaC / unit).toPrecision(12)} check={ratioCheck('γ_C/|V|')} onChange={(v) => s.set({ gammaC: v * unit })} testId="input-gammaC" />
      </div>
      <div className="row">
        <label className="select">
          <span>sign V</span>
          <select value={s.V < 0 ? '-' : '+'} data-testid="select-signV" onChange={(e) => s.set({ V: (e.target.value === '-' ? -1 : 1) * Math.abs(s.V) })}>
            <option value="+">V &gt; 0</option>
            <option value="-">V &lt; 0</option>
          </select>
        </label>
        <NumberField
          label="|V|"
          value={aV}
          check={(raw) => (Number(raw.trim()) < 0 ? { error: '|V| must be ≥ 0 (use the sign selector)' } : ABS_V_CHECK(raw))}
          // The rates follow |V| so that γ/|V| stays; at V = 0 the unit is the rates' own (1), so
          // typing "0.5" through "0" keeps the ratios too.
          onChange={(v) => s.set({ V: (s.V < 0 ? -1 : 1) * v, gammaI: (s.gammaI / (aV || 1)) * (v || 1), gammaC: (s.gammaC / (aV || 1)) * (v || 1) })}
          testId="input-V"
          width={70}
        />
      </div>
      <div className={`critical ${ratio > 2 ? 'dissipative' : 'interacting'}`} data-testid="critical">
        <Typeset text="(γ_I + γ_C)/|V|" /> = {Number.isFinite(ratio) ? ratio.toFixed(3) : '∞'} {Number.isFinite(ratio) && (ratio > 2 ? '> 2' : ratio < 2 ? '< 2' : '= 2')}
        <div className="gauge" aria-hidden>
          <div className="gauge-mark" style={{ left: '50%' }} />
          <div className="gauge-pos" style={{ left: `${Math.min(100, (Number.isFinite(ratio) ? ratio : 4) * 25)}%` }} />
        </div>
        <small>{phase}</small>
      </div>
      <p className="hint">Time t in units of 1/|V| (ħ = 1). Changing |V| keeps the ratios γ/|V|.</p>
      {aV === 0 && <p className="note" data-testid="v-zero-note">V = 0: |V| cannot be the unit, so every “/|V|” on this page (rates, gaps, eigenvalues, |V| t) is in the rates’ own unit instead.</p>}
    </aside>
  );
}
