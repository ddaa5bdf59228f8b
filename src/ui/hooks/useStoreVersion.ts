// Re-renders on store changes, at most `fps` times a second (the pipeline may change thousands of times a
// second). The first change after a quiet spell is drawn at once; under a busy stream 10 frames a second
// read as live, and every frame spared keeps keys quick (a key's frame otherwise waits behind a data frame).
// While a file is being loaded in bulk, 5 frames a second are plenty for the progress bar.
import { useEffect, useState } from 'react';
import type { TuiStore } from '../store.js';

export const LOADING_FPS = 5;
export const DATA_FPS = 10;

export function useStoreVersion(store: TuiStore, fps = DATA_FPS): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      last = Date.now();
      setVersion(store.version);
    };
    const unsubscribe = store.subscribe(() => {
      if (timer) return;
      const minGap = 1000 / (store.isLoading ? Math.min(fps, LOADING_FPS) : fps);
      const wait = last + minGap - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    });
    flush();
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, fps]);
  return version;
}
