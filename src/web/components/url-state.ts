import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** The list's view (page, size, sort, filters) lives in the URL, so a link reproduces it. */
export function useUrlParams(defaults: Record<string, string> = {}) {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => {
    const out: Record<string, string> = { ...defaults };
    search.forEach((v, k) => {
      if (v !== '') out[k] = v;
    });
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  const update = useCallback(
    (patch: Record<string, string | undefined | null>, resetPage = true) => {
      setSearch(
        () => {
          // from the address bar, not the rendered params: a navigation renders in a transition,
          // so a second change made before it commits would otherwise undo the first
          const next = new URLSearchParams(window.location.search);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          if (resetPage && !('page' in patch)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setSearch],
  );
  return { params, update };
}
