import { Segmented } from 'antd';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useIsPhone } from '../../lib/responsive';
import { useSession, type Session } from '../../lib/session';

interface ReportView {
  path: string;
  label: string;
  visible: (s: Session) => boolean;
}

/**
 * The views of 报表. 应收看板 reads GET /receivables/aging and /collection-rate, which need
 * receivable.read: it is offered to the roles reading receivables beyond their own (supervisor:
 * team, the managers: department, 内勤 and 总经理: all). 公司概览 is the 总经理's.
 */
export const REPORT_VIEWS: ReportView[] = [
  { path: '/reports', label: '销售统计表', visible: (s) => s.can('report.sales') },
  { path: '/dashboards/sales', label: '销售看板', visible: (s) => s.can('report.sales') },
  { path: '/dashboards/receivables', label: '应收看板', visible: (s) => !!s.grant('receivable.read') && s.grant('receivable.read')!.scope !== 'own' },
  { path: '/overview', label: '公司概览', visible: (s) => s.me.user.role === 'gm' },
];

/** The tab bar above each view of 报表; only the views the role gets figures for. */
export function ReportTabs() {
  const session = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const isPhone = useIsPhone();
  const bar = useRef<HTMLElement>(null);
  // On a narrow screen the bar scrolls sideways: keep the current view in sight.
  useEffect(() => {
    const selected = bar.current?.querySelector<HTMLElement>('.ant-segmented-item-selected');
    if (bar.current && selected) bar.current.scrollLeft = Math.max(0, selected.offsetLeft + selected.offsetWidth - bar.current.clientWidth);
  }, [pathname, isPhone]);
  const views = REPORT_VIEWS.filter((v) => v.visible(session));
  if (views.length < 2) return null;
  return (
    <nav ref={bar} aria-label="报表视图" style={{ overflowX: 'auto', marginBottom: 12 }}>
      <Segmented
        aria-label="报表视图"
        size={isPhone ? 'large' : 'middle'}
        styles={isPhone ? { label: { minHeight: 44, lineHeight: '44px', minWidth: 44 } } : undefined}
        options={views.map((v) => ({ value: v.path, label: v.label }))}
        value={pathname}
        onChange={(path) => navigate(path)}
      />
    </nav>
  );
}
