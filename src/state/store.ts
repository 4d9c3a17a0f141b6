/**
 * zustand store: parameters and view (mirrored to the URL), plus transient UI notices.
 */
import { create } from 'zustand';
import { DEFAULTS, parseQuery, toQuery, type ExplorerState } from './params.ts';

export interface Store extends ExplorerState {
  notices: string[];
  set: (patch: Partial<ExplorerState>) => void;
  dismissNotices: () => void;
}

const initial = typeof window !== 'undefined' ? parseQuery(window.location.search) : { state: DEFAULTS, notices: [] };

export const useStore = create<Store>((set) => ({
  ...initial.state,
  notices: initial.notices,
  set: (patch) => set(patch),
  dismissNotices: () => set({ notices: [] }),
}));

export function currentState(s: Store): ExplorerState {
  const { notices: _n, set: _s, dismissNotices: _d, ...rest } = s;
  return rest;
}

// Mirror to the URL (replaceState, coalesced per animation frame so dragging stays smooth).
if (typeof window !== 'undefined') {
  let scheduled = false;
  useStore.subscribe((s) => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      const q = toQuery(currentState(useStore.getState()));
      const url = `${window.location.pathname}?${q}${window.location.hash}`;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(null, '', url);
      }
    });
    void s;
  });
}
