/**
 * What the `use…()` helpers return: a value that exists only once a before-hook has run,
 * usable at module level all the same.
 */
/** A stand-in that forwards every property to `current()`, and says so when that is not there yet. */
export function forwardTo<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      const value = current();
      if (!value) throw new Error(`${what} is started in a before-hook: use it inside hooks and tests`);
      return Reflect.get(value, prop);
    },
  });
}
