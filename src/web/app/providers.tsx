import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api/problem';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; a network hiccup may.
      retry: (n, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 2,
    },
    mutations: { retry: false },
  },
});

/**
 * antd's default blue and grey texts fall short of WCAG AA contrast (4.5:1) on white; these keep
 * the look and pass. Controls are 40–44 px high, thumb-sized on a phone.
 */
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    // antd lightens links on hover; on a touch screen the hover sticks after a tap
    colorLinkHover: '#003eb3',
    colorPrimaryHover: '#003eb3',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorError: '#cf1322',
    controlHeight: 40,
    controlHeightLG: 44,
    fontSize: 15,
    // no sliding or fading for someone who asked their system for reduced motion
    motion: typeof window === 'undefined' || !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches,
  },
  components: {
    // the current entry of the side menu: dark enough on its pale highlight to stay readable
    // (WCAG AA) even while its colour is still changing
    // 36 px entries: a 经理's menu of some thirty entries under their headings stays within a laptop's window
    Menu: { itemSelectedColor: '#003eb3', itemHeight: 36, itemMarginBlock: 2 },
  },
};

/** antd in Chinese with 44 px controls (thumb-sized on a phone), and the query cache. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={zhCN} theme={THEME}>
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
