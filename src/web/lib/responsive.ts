import { useSyncExternalStore } from 'react';

/** Phone layout below 768 px (antd's `md`): bottom bar, cards instead of tables. */
const PHONE = '(max-width: 767.98px)';

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(PHONE);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

export function isPhoneNow(): boolean {
  return window.matchMedia(PHONE).matches;
}

export function useIsPhone(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(PHONE).matches);
}
