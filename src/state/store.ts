/**
 * zustand store: parameters and view (mirrored to the URL and the history, see history.ts), plus
 * transient UI notices.
 */
import { create } from 'zustand';
import { DEFAULTS, parseQuery, type ExplorerState } from './params.ts';
import { PRESETS, presetState } from './presets.ts';
import { installHistory, requestHistoryEntry } from './history.ts';

export interface Store extends ExplorerState {
  notices: string[];
  set: (patch: Partial<ExplorerState>) => void;
  /** Applies a preset over the defaults (nothing left over) as a new history entry. */
  applyPreset: (id: string) => void;
  dismissNotices: () => void;
}

const initial = typeof window !== 'undefined' ? parseQuery(window.location.search) : { state: DEFAULTS, notices: [] };

export const useStore = create<Store>((set, get) => ({
  ...initial.state,
  notices: initial.notices,
  set: (patch) => set(patch),
  applyPreset: (id) => {
    const p = PRESETS.find((x) => x.id === id);
    if (!p) return;
    requestHistoryEntry();
    set(presetState(p, currentState(get())));
  },
  dismissNotices: () => set({ notices: [] }),
}));

export function currentState(s: Store): ExplorerState {
  const { notices: _n, set: _s, dismissNotices: _d, applyPreset: _a, ...rest } = s;
  return rest;
}

if (typeof window !== 'undefined' && typeof window.history !== 'undefined') installHistory(useStore, currentState);
