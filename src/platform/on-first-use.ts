/**
 * A module that only some requests need (the document libraries behind them are slow to load and large),
 * loaded by the first of those requests and kept for the next: the server starts, and serves everything
 * else, without paying for it. `load` is an `import()` of the module, so its type is the module's own.
 * A load that failed is tried again by the next request rather than failing every one after it.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
