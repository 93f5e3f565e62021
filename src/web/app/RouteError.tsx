import { useRouteError } from 'react-router';

const RELOADED = 'zhize:chunk-reload';

/** A lazy chunk that no longer exists (a new version was deployed while the page was open). */
function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported/i.test(message);
}

/**
 * The router's error page. After a deployment an open page may ask for a chunk that is gone:
 * reload once to get the new version; anything else is shown, in Chinese, with a way back.
 */
export default function RouteError() {
  const error = useRouteError();
  if (isChunkLoadError(error) && !sessionStorage.getItem(RELOADED)) {
    sessionStorage.setItem(RELOADED, '1');
    window.location.reload();
    return null;
  }
  sessionStorage.removeItem(RELOADED);
  // Plain elements: this page lives in the entry chunk and must work when other chunks do not.
  return (
    <main style={{ padding: 24, maxWidth: 480, margin: '48px auto', textAlign: 'center' }}>
      <h1 style={{ fontSize: 20, fontWeight: 600 }}>{isChunkLoadError(error) ? '工作台已更新，请刷新页面' : '页面出错了'}</h1>
      {error instanceof Error && <p style={{ color: 'rgba(0,0,0,0.65)' }}>{error.message}</p>}
      <button
        type="button"
        onClick={() => window.location.assign(window.location.pathname + window.location.search)}
        style={{ minHeight: 44, padding: '0 24px', fontSize: 15, color: '#fff', background: '#0958d9', border: 0, borderRadius: 8, cursor: 'pointer' }}
      >
        刷新页面
      </button>
    </main>
  );
}
