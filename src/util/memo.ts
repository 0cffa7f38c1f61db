/**
 * Keeps the answer of an expensive read for `ttlMs`, by key, and shares one computation among
 * the requests that arrive while it runs. A failure is not kept. At most `maxEntries` keys are
 * held; the oldest goes first.
 */
export function ttlMemo<T>(ttlMs: number, maxEntries = 500): ((key: string, make: () => Promise<T>) => Promise<T>) & { clear(): void } {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  const memo = (key: string, make: () => Promise<T>) => {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at <= ttlMs) return hit.value;
    entries.delete(key);
    const value = make();
    entries.set(key, { at: now, value });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return value;
  };
  return Object.assign(memo, { clear: () => entries.clear() });
}
