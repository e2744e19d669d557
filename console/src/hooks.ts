/** Small data-loading hooks shared by the pages. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Loaded<T> =
  | { state: 'loading'; data?: T; error?: undefined }
  | { state: 'ok'; data: T; error?: undefined }
  | { state: 'error'; data?: T; error: unknown };

/**
 * Run `load` when `deps` change; `reload()` runs it again keeping the shown
 * data until the answer arrives (no flicker on refresh). Answers of runs that
 * were superseded are dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> & { reload: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const run = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback((keep = true) => {
    const id = ++run.current;
    setResult((previous) => ({ state: 'loading', data: keep ? previous.data : undefined }));
    loadRef.current().then(
      (data) => id === run.current && setResult({ state: 'ok', data }),
      (error: unknown) => id === run.current && setResult((previous) => ({ state: 'error', error, data: previous.data })),
    );
  }, []);
  // The effect re-runs when the caller's deps change (they stand for what `load` reads).
  useEffect(() => reload(false), deps);
  return { ...result, reload: () => reload(true) };
}

/** Call `tick` every `ms` while the tab is visible (the review queue's refresh). */
export function useInterval(tick: () => void, ms: number): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') tickRef.current();
    }, ms);
    return () => clearInterval(id);
  }, [ms]);
}
