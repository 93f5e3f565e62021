import { lazy, type ComponentType } from 'react';
import { createBrowserRouter, matchRoutes, Navigate, type RouteObject } from 'react-router';
import { useSession } from '../lib/session';
import RouteError from './RouteError';
import { visibleMenu } from './menu';

type Load = () => Promise<{ default: ComponentType }>;

/**
 * Every page is its own chunk: the sign-in page and the shell load only what they need. The
 * loader is kept on the route, so the page of a deep link can start loading before React runs.
 */
const page = (load: Load): Pick<RouteObject, 'element' | 'handle'> => {
  const Page = lazy(load);
  return { element: <Page />, handle: { preload: load } };
};

function Home() {
  const session = useSession();
  const first = visibleMenu(session)[0];
  return <Navigate to={first ? first.path : '/me'} replace />;
}


const routes: RouteObject[] = [
  { path: '/login', ...page(() => import('./LoginPage')), errorElement: <RouteError /> },
  // A sheet to print: outside the shell (no menu on paper); the page asks /auth/me itself.
  { path: '/contracts/:id/print', ...page(() => import('../features/contracts/ContractPrintPage')), errorElement: <RouteError /> },
  {
    path: '/',
    ...page(() => import('./AuthGate')),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Home /> },
      { path: 'me', ...page(() => import('./MePage')) },
      { path: 'tasks', ...page(() => import('../features/tasks/TasksPage')) },
      { path: 'prospects', ...page(() => import('../features/prospects/ProspectListPage')) },
      { path: 'prospects/new', ...page(() => import('../features/prospects/ProspectCreatePage')) },
      { path: 'prospects/:id', ...page(() => import('../features/prospects/ProspectDetailPage')) },
      { path: 'pool', ...page(() => import('../features/prospects/PoolPage')) },
      { path: 'customers', ...page(() => import('../features/customers/CustomerListPage')) },
      { path: 'customers/new', ...page(() => import('../features/customers/CustomerCreatePage')) },
      { path: 'customers/:id', ...page(() => import('../features/customers/CustomerDetailPage')) },
      { path: 'visits', ...page(() => import('../features/visits/VisitListPage')) },
      { path: 'visits/new', ...page(() => import('../features/visits/VisitFormPage')) },
      { path: 'visits/:id', ...page(() => import('../features/visits/VisitDetailPage')) },
      { path: 'visits/:id/edit', ...page(() => import('../features/visits/VisitFormPage')) },
      { path: 'contracts', ...page(() => import('../features/contracts/ContractListPage')) },
      { path: 'contracts/new', ...page(() => import('../features/contracts/ContractFormPage')) },
      { path: 'contracts/:id', ...page(() => import('../features/contracts/ContractDetailPage')) },
      { path: 'contracts/:id/edit', ...page(() => import('../features/contracts/ContractFormPage')) },
      { path: 'contract-archive', ...page(() => import('../features/contracts/ContractArchivePage')) },
      { path: 'receivables', ...page(() => import('../features/receivables/ReceivableListPage')) },
      { path: 'receivables/:id', ...page(() => import('../features/receivables/ReceivableDetailPage')) },
      { path: 'payments', ...page(() => import('../features/payments/PaymentListPage')) },
      { path: 'ledger', ...page(() => import('../features/ledger/LedgerPage')) },
      { path: 'complaints', ...page(() => import('../features/complaints/ComplaintListPage')) },
      { path: 'complaints/new', ...page(() => import('../features/complaints/ComplaintCreatePage')) },
      { path: 'complaints/:id', ...page(() => import('../features/complaints/ComplaintDetailPage')) },
      { path: 'reports', ...page(() => import('../features/reports/SalesReportPage')) },
      { path: 'dashboards/sales', ...page(() => import('../features/reports/SalesDashboardPage')) },
      { path: 'dashboards/receivables', ...page(() => import('../features/reports/ReceivablesDashboardPage')) },
      { path: 'overview', ...page(() => import('../features/reports/OverviewPage')) },
      { path: 'approvals', ...page(() => import('../features/approvals/ApprovalInboxPage')) },
      { path: 'approvals/contracts/:id', ...page(() => import('../features/contracts/ContractDecisionPage')) },
      { path: 'key-accounts', ...page(() => import('../features/key-accounts/KeyAccountListPage')) },
      { path: 'key-accounts/tiers', ...page(() => import('../features/key-accounts/TierListPage')) },
      { path: 'key-accounts/assessments', ...page(() => import('../features/key-accounts/AssessmentListPage')) },
      { path: 'key-accounts/assessments/:id', ...page(() => import('../features/key-accounts/AssessmentDetailPage')) },
      { path: 'imports/new', ...page(() => import('../features/imports/ImportPage')) },
      { path: 'work-reports', ...page(() => import('../features/work-reports/WorkReportListPage')) },
      { path: 'work-reports/new', ...page(() => import('../features/work-reports/WorkReportFormPage')) },
      { path: 'work-reports/:id', ...page(() => import('../features/work-reports/WorkReportDetailPage')) },
      { path: 'targets', ...page(() => import('../features/targets/TargetsPage')) },
      { path: 'my-targets', ...page(() => import('../features/targets/MyTargetsPage')) },
      { path: 'work-plans', ...page(() => import('../features/targets/WorkPlanListPage')) },
      { path: 'work-plans/new', ...page(() => import('../features/targets/WorkPlanFormPage')) },
      { path: 'work-plans/:id', ...page(() => import('../features/targets/WorkPlanDetailPage')) },
      { path: 'work-plans/:id/edit', ...page(() => import('../features/targets/WorkPlanFormPage')) },
      { path: 'assignments', ...page(() => import('../features/assignments/AssignmentListPage')) },
      { path: 'assignments/:id', ...page(() => import('../features/assignments/AssignmentDetailPage')) },
      { path: 'market-info', ...page(() => import('../features/market-info/MarketInfoListPage')) },
      { path: 'market-info/:id', ...page(() => import('../features/market-info/MarketInfoDetailPage')) },
      { path: 'research-reports', ...page(() => import('../features/market-info/ResearchReportListPage')) },
      { path: 'research-reports/new', ...page(() => import('../features/market-info/ResearchReportFormPage')) },
      { path: 'research-reports/:id', ...page(() => import('../features/market-info/ResearchReportDetailPage')) },
      { path: 'research-reports/:id/edit', ...page(() => import('../features/market-info/ResearchReportFormPage')) },
      { path: 'channels', ...page(() => import('../features/campaigns/ChannelListPage')) },
      { path: 'channels/:id', ...page(() => import('../features/campaigns/ChannelDetailPage')) },
      { path: 'campaigns', ...page(() => import('../features/campaigns/CampaignListPage')) },
      { path: 'campaigns/:id', ...page(() => import('../features/campaigns/CampaignDetailPage')) },
      { path: 'meetings', ...page(() => import('../features/meetings/MeetingListPage')) },
      { path: 'meetings/new', ...page(() => import('../features/meetings/MeetingFormPage')) },
      { path: 'meetings/:id', ...page(() => import('../features/meetings/MeetingDetailPage')) },
      { path: 'meetings/:id/edit', ...page(() => import('../features/meetings/MeetingFormPage')) },
      { path: 'trainings', ...page(() => import('../features/trainings/TrainingListPage')) },
      { path: 'trainings/:id', ...page(() => import('../features/trainings/TrainingDetailPage')) },
      { path: 'reviews', ...page(() => import('../features/reviews/ReviewListPage')) },
      { path: 'reviews/:id', ...page(() => import('../features/reviews/ReviewDetailPage')) },
      { path: 'review-schemes', ...page(() => import('../features/reviews/SchemeListPage')) },
      { path: 'review-schemes/new', ...page(() => import('../features/reviews/SchemeFormPage')) },
      { path: 'review-schemes/:id', ...page(() => import('../features/reviews/SchemeDetailPage')) },
      { path: 'review-schemes/:id/edit', ...page(() => import('../features/reviews/SchemeFormPage')) },
      { path: 'my-reviews', ...page(() => import('../features/reviews/MyReviewsPage')) },
      { path: 'duties', ...page(() => import('../features/duties/DutiesPage')) },
      { path: 'duties/revisions', ...page(() => import('../features/duties/RevisionListPage')) },
      { path: 'duties/revisions/new', ...page(() => import('../features/duties/RevisionFormPage')) },
      { path: 'duties/revisions/:id', ...page(() => import('../features/duties/RevisionDetailPage')) },
      { path: 'duties/revisions/:id/edit', ...page(() => import('../features/duties/RevisionFormPage')) },
      { path: 'users', ...page(() => import('../features/admin/UserListPage')) },
      { path: 'users/:id', ...page(() => import('../features/admin/UserDetailPage')) },
      { path: 'jobs', ...page(() => import('../features/admin/JobsPage')) },
      { path: 'audit', ...page(() => import('../features/admin/AuditPage')) },
      { path: 'notifications/:id?', ...page(() => import('../features/notifications/OutboxPage')) },
      { path: 'me/notifications', ...page(() => import('../features/notifications/NotificationSettingsPage')) },
      { path: '*', ...page(() => import('./NotFoundPage')) },
    ],
  },
];

export const router = createBrowserRouter(routes);

/** Starts fetching the chunks of the page at `pathname` (the gate and the page itself). */
export function preloadRoute(pathname: string): void {
  for (const m of matchRoutes(routes, pathname) ?? []) {
    void (m.route.handle as { preload?: Load } | undefined)?.preload?.();
  }
}
