/**
 * A subscription's `caughtUp`: settled once, by the first of `resolve` and `reject` (later calls do
 * nothing); a rejection nobody awaits is not reported as unhandled.
 */
export function caughtUpSignal(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let settled = false;
  let resolvePromise: () => void = () => undefined;
  let rejectPromise: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((resolve, reject) => {
    resolvePromise = resolve;
    rejectPromise = reject;
  });
  promise.catch(() => undefined);
  return {
    promise,
    resolve: () => {
      if (!settled) resolvePromise();
      settled = true;
    },
    reject: (error) => {
      if (!settled) rejectPromise(error);
      settled = true;
    },
  };
}
