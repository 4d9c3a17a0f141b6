/**
 * The head of a plot panel: its typeset title (hover: the definitions of the symbols in it) and
 * the export buttons — PNG and SVG of the figure with the title and a parameter stamp, and the
 * panel's data as CSV / JSON when it has them. Shared by PlotPanel and the map grids.
 */
import { definitionsIn } from '../state/vocabulary.ts';
import { downloadText } from './exportData.ts';
import { Typeset } from './typeset.tsx';

export interface PanelHeadProps {
  title: string;
  /** Base file name for the downloads. */
  filename: string;
  /** Draws and downloads the figure in `format`. */
  onImage: (format: 'png' | 'svg') => void;
  /** What the images show, for the buttons' hints (e.g. "the whole figure"); default "the figure". */
  imageOf?: string;
  csv?: () => string;
  json?: () => string;
}

export function PanelHead({ title, filename, onImage, imageOf = 'the figure', csv, json }: PanelHeadProps) {
  return (
    <header className="panel-head">
      <h2 title={definitionsIn(title)}><Typeset text={title} /></h2>
      <div className="panel-actions">
        <button onClick={() => onImage('png')} title={`Download PNG (1600 px wide, 2×) of ${imageOf} with the title and a parameter stamp`}>PNG</button>
        <button onClick={() => onImage('svg')} title={`Download SVG of ${imageOf} with the title and a parameter stamp`}>SVG</button>
        {csv && <button onClick={() => downloadText(filename + '.csv', csv(), 'text/csv')}>CSV</button>}
        {json && <button onClick={() => downloadText(filename + '.json', json(), 'application/json')}>JSON</button>}
      </div>
    </header>
  );
}
