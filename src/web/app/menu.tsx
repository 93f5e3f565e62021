import {
  AimOutlined,
  ApartmentOutlined,
  NotificationOutlined,
  BulbOutlined,
  CommentOutlined,
  AlertOutlined,
  FlagOutlined,
  ProfileOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  DollarOutlined,
  FileTextOutlined,
  GlobalOutlined,
  TeamOutlined,
  UserAddOutlined,
  UserOutlined,
  CarOutlined,
  FolderOpenOutlined,
  AccountBookOutlined,
  BookOutlined,
  BarChartOutlined,
  SettingOutlined,
  ScheduleOutlined,
  FileSearchOutlined,
  CrownOutlined,
  SolutionOutlined,
  SendOutlined,
  TrophyOutlined,
  OrderedListOutlined,
  StarOutlined,
  ReadOutlined,
  EditOutlined,
  DatabaseOutlined,
  FileDoneOutlined,
  MailOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Session } from '../lib/session';
import { ApprovalCount } from '../features/approvals/ApprovalCount';

/** Whoever decides or reviews something has the 审批 inbox: contracts, tiers, compensation, reports, visits, 考核方案 and 绩效考核. */
export const APPROVAL_PERMISSIONS = ['contract.approve', 'tier.approve', 'complaint.approve_compensation', 'workreport.review', 'visit.review', 'review.approve_scheme', 'review.confirm'];

export interface MenuEntry {
  key: string;
  label: string;
  path: string;
  icon: ReactNode;
  /** Shown only when the role can use the page (the API stays the authority). */
  visible: (s: Pick<Session, 'can' | 'me'>) => boolean;
  /** Beside the label, e.g. how many records wait (审批). */
  extra?: ReactNode;
}

/**
 * The console's menu, in the order of SPEC §10's vocabulary. An entry appears only for a role
 * that holds the permission its page needs, as /auth/me reports it.
 */
export const MENU: MenuEntry[] = [
  { key: 'tasks', label: '待办', path: '/tasks', icon: <CheckSquareOutlined />, visible: (s) => s.me.user.role !== 'admin' },
  { key: 'prospects', label: '潜在客户', path: '/prospects', icon: <UserAddOutlined />, visible: (s) => s.can('prospect.read') },
  { key: 'pool', label: '公海', path: '/pool', icon: <GlobalOutlined />, visible: (s) => s.can('prospect.create') },
  { key: 'customers', label: '客户', path: '/customers', icon: <TeamOutlined />, visible: (s) => s.can('customer.read') },
  { key: 'visits', label: '拜访记录', path: '/visits', icon: <CarOutlined />, visible: (s) => s.can('visit.read') },
  { key: 'contracts', label: '合同', path: '/contracts', icon: <FileTextOutlined />, visible: (s) => s.can('contract.read') },
  { key: 'contract-archive', label: '合同档案', path: '/contract-archive', icon: <FolderOpenOutlined />, visible: (s) => s.can('contract.archive') },
  { key: 'receivables', label: '应收账款', path: '/receivables', icon: <DollarOutlined />, visible: (s) => s.can('receivable.read') },
  { key: 'payments', label: '回款', path: '/payments', icon: <AccountBookOutlined />, visible: (s) => s.can('payment.record') },
  { key: 'ledger', label: '销售台账', path: '/ledger', icon: <BookOutlined />, visible: (s) => s.can('payment.record') || s.can('report.receivables') },
  { key: 'key-accounts', label: '大客户', path: '/key-accounts', icon: <CrownOutlined />, visible: (s) => s.can('tier.read') },
  { key: 'complaints', label: '投诉', path: '/complaints', icon: <AlertOutlined />, visible: (s) => s.can('complaint.read') },
  {
    key: 'approvals',
    label: '审批',
    path: '/approvals',
    icon: <SolutionOutlined />,
    visible: (s) => APPROVAL_PERMISSIONS.some((p) => s.can(p)),
    extra: <ApprovalCount permissions={APPROVAL_PERMISSIONS} />,
  },
  { key: 'reports', label: '报表', path: '/reports', icon: <BarChartOutlined />, visible: (s) => s.can('report.sales') },
  {
    key: 'work-reports',
    label: '工作报告',
    path: '/work-reports',
    icon: <AuditOutlined />,
    visible: (s) => s.can('workreport.submit') || s.can('workreport.review'),
  },
  // 计划与指标: the tree for whoever reads beyond their own; 我的指标 for those given targets in person
  { key: 'work-plans', label: '工作计划', path: '/work-plans', icon: <ProfileOutlined />, visible: (s) => s.can('workplan.read') || s.can('workplan.write') },
  { key: 'targets', label: '指标', path: '/targets', icon: <AimOutlined />, visible: (s) => s.can('target.read') && targetReadScope(s) !== 'own' },
  { key: 'my-targets', label: '我的指标', path: '/my-targets', icon: <FlagOutlined />, visible: (s) => targetReadScope(s) === 'own' },
  { key: 'assignments', label: '交办事项', path: '/assignments', icon: <SendOutlined />, visible: (s) => s.can('assignment.read') },
  // 市场信息库 and its research reports (MKT-5.6, MKT-5.2)
  { key: 'market-info', label: '市场信息', path: '/market-info', icon: <DatabaseOutlined />, visible: (s) => s.can('marketinfo.read') },
  { key: 'research-reports', label: '调查报告', path: '/research-reports', icon: <FileDoneOutlined />, visible: (s) => s.can('research.read') },
  // 渠道与推广活动 (MKT-5.4, MKT-5.5, KA-5.3, KA-6.2)
  { key: 'channels', label: '渠道', path: '/channels', icon: <ApartmentOutlined />, visible: (s) => s.can('channel.read') },
  { key: 'campaigns', label: '推广活动', path: '/campaigns', icon: <NotificationOutlined />, visible: (s) => s.can('campaign.read') },
  { key: 'meetings', label: '会议纪要', path: '/meetings', icon: <CommentOutlined />, visible: (s) => s.can('meeting.read') },
  { key: 'trainings', label: '培训', path: '/trainings', icon: <BulbOutlined />, visible: (s) => s.can('training.read') },
  // 绩效考核: reviewers and their next level; the schemes for whoever reads reviews; 我的考核 for everyone reviewed
  { key: 'reviews', label: '绩效考核', path: '/reviews', icon: <TrophyOutlined />, visible: (s) => s.can('review.read') },
  { key: 'review-schemes', label: '考核方案', path: '/review-schemes', icon: <OrderedListOutlined />, visible: (s) => s.can('review.read') },
  { key: 'my-reviews', label: '我的考核', path: '/my-reviews', icon: <StarOutlined />, visible: (s) => s.me.user.role !== 'admin' },
  { key: 'users', label: '用户管理', path: '/users', icon: <SettingOutlined />, visible: (s) => s.can('user.manage') },
  { key: 'jobs', label: '定时任务', path: '/jobs', icon: <ScheduleOutlined />, visible: (s) => s.can('job.run') },
  { key: 'notifications', label: '通知发件箱', path: '/notifications', icon: <MailOutlined />, visible: (s) => s.can('notification.manage') },
  { key: 'audit', label: '审计日志', path: '/audit', icon: <FileSearchOutlined />, visible: (s) => s.can('audit.read') },
  // the rules themselves (SPEC §12): drafted by the drafting departments' 经理, approved by the 总经理
  { key: 'duty-revisions', label: '制度修订', path: '/duties/revisions', icon: <EditOutlined />, visible: (s) => s.can('duty.revise') || s.can('duty.approve') },
  // every position reads the rules its permissions come from (last: a role lands on its first entry)
  { key: 'duties', label: '职责制度', path: '/duties', icon: <ReadOutlined />, visible: () => true },
];

/** The scope at which the role reads targets (own: a 业务员 or 专员, who gets 我的指标). */
function targetReadScope(s: Pick<Session, 'me'>): string | undefined {
  return s.me.permissions.find((p) => p.permission === 'target.read')?.scope;
}

/** The phone's bottom bar: 待办, 客户, 拜访记录, 我的 — those the role has. */
export const PHONE_BAR_KEYS = ['tasks', 'customers', 'visits'];
export const ME_ENTRY = { key: 'me', label: '我的', path: '/me', icon: <UserOutlined /> };

export function visibleMenu(s: Pick<Session, 'can' | 'me'>): MenuEntry[] {
  return MENU.filter((m) => m.visible(s));
}

/** The menu key of the page at `pathname` (its first segment), if it is one of `keys`. */
export function activeKey(pathname: string, keys: string[]): string | undefined {
  const [first = '', second = ''] = pathname.split('/').slice(1);
  const key = VIEW_OF[`${first}/${second}`] ?? VIEW_OF[first] ?? first;
  return keys.find((k) => k === key);
}

/** Pages that are views of another entry (the dashboards are tabs of 报表), or an entry of their own below another's path. */
const VIEW_OF: Record<string, string> = { dashboards: 'reports', overview: 'reports', 'duties/revisions': 'duty-revisions' };
