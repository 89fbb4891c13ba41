/**
 * `compute`, run once per object: later calls with the same object get the first answer. For
 * work that follows from an object alone (a record, a file read) which a long-lived process,
 * the dev server, hands over again unchanged on every rebuild. Entries go with their objects.
 */
export function oncePerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key) => {
    if (memo.has(key)) return memo.get(key)!;
    const value = compute(key);
    memo.set(key, value);
    return value;
  };
}
