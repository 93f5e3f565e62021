import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { Providers, queryClient } from './app/providers';
import { preloadRoute, router } from './app/router';
import { preloadShell } from './app/Shell';
import { isPhoneNow } from './lib/responsive';
import { prefetchMe } from './lib/session';
import './lib/format';
import './app/global.css';

// A signed-in deep link: ask who I am and fetch the layout and the page in parallel, not one after another.
if (!window.location.pathname.startsWith('/login')) {
  prefetchMe(queryClient);
  preloadShell(isPhoneNow());
  preloadRoute(window.location.pathname);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
