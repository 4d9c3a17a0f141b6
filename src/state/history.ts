/**
 * The address bar as the store's mirror, behaving like a web page: a change of view or preset is
 * a new history entry (pushState), so Back and Forward step through them; everything else —
 * slider drags above all — replaces the current entry, coalesced per animation frame, so a drag
 * does not flood the history. On load, the link as understood (bad values replaced by defaults)
 * is written back, so the address bar never keeps values the page is not showing.
 */
import { parseQuery, toQuery, type ExplorerState } from './params.ts';

interface HistoryStore<S extends ExplorerState> {
  getState: () => S;
  setState: (patch: Partial<S>) => void;
  subscribe: (listener: (s: S) => void) => () => void;
}

let pushRequested = false;

/** Makes the next URL write a new history entry (a preset was chosen). */
export function requestHistoryEntry(): void {
  pushRequested = true;
}

const urlOf = (s: ExplorerState) => `${window.location.pathname}?${toQuery(s)}${window.location.hash}`;
const currentUrl = () => window.location.pathname + window.location.search + window.location.hash;

/** Wires `store` to window.history; returns the function that undoes it (tests). */
export function installHistory<S extends ExplorerState & { notices: string[] }>(store: HistoryStore<S>, pick: (s: S) => ExplorerState): () => void {
  // what the current history entry shows: a change of view away from it is a navigation
  let entryView = store.getState().view;
  if (urlOf(pick(store.getState())) !== currentUrl()) window.history.replaceState(null, '', urlOf(pick(store.getState())));

  let scheduled = false;
  let push = false;
  const unsubscribe = store.subscribe((s) => {
    if (s.view !== entryView || pushRequested) push = true;
    pushRequested = false;
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      const st = pick(store.getState());
      const url = urlOf(st);
      if (url !== currentUrl()) {
        if (push) window.history.pushState(null, '', url);
        else window.history.replaceState(null, '', url);
      }
      entryView = st.view;
      push = false;
    });
  });

  const onPop = () => {
    const parsed = parseQuery(window.location.search);
    entryView = parsed.state.view;
    pushRequested = false;
    store.setState({ ...parsed.state, notices: parsed.notices } as Partial<S>);
  };
  window.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPop);
  };
}
