/** A small LRU cache of results keyed by a canonical string of the request parameters. */
export function createCache<V>(capacity = 64) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key: string, v: V): void {
      map.delete(key);
      map.set(key, v);
      while (map.size > capacity) map.delete(map.keys().next().value as string);
    },
    size: () => map.size,
  };
}

/** Canonical key: JSON with typed arrays turned into plain arrays. */
export function cacheKey(kind: string, req: unknown): string {
  return kind + ':' + JSON.stringify(req, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
}
