/**
 * A numeric input that validates as you type: invalid text is kept in the box with a message
 * naming the limit, and the store only ever receives valid values.
 */
import { useEffect, useState } from 'react';

export interface NumberFieldProps {
  /** Text or a typeset label (e.g. γ with subscript I). */
  label: React.ReactNode;
  value: number;
  /** Returns the parsed value or an error message. */
  check: (raw: string) => { value: number } | { error: string };
  onChange: (v: number) => void;
  testId?: string;
  width?: number;
}

export function NumberField(p: NumberFieldProps) {
  const [text, setText] = useState(String(p.value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // follow outside changes (slider, preset) unless the user is mid-edit with an error
    setText((t) => (Number(t) === p.value ? t : String(+p.value.toPrecision(12))));
    setError(null);
  }, [p.value]);
  return (
    <label className="numfield">
      <span>{p.label}</span>
      <input
        type="text"
        inputMode="decimal"
        value={text}
        style={{ width: p.width ?? 90 }}
        data-testid={p.testId}
        aria-invalid={error !== null}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          const r = p.check(raw);
          if ('error' in r) setError(r.error);
          else {
            setError(null);
            p.onChange(r.value);
          }
        }}
      />
      {error && <span className="field-error" role="alert">{error}</span>}
    </label>
  );
}
