import { lazy, type ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { useSession } from '../lib/session';
import { visibleMenu } from './menu';

/** Every page is its own chunk: the sign-in page and the shell load only what they need. */
const page = (load: () => Promise<{ default: ComponentType }>) => {
  const Page = lazy(load);
  return <Page />;
};

function Home() {
  const session = useSession();
  const first = visibleMenu(session)[0];
  return <Navigate to={first ? first.path : '/me'} replace />;
}


export const router = createBrowserRouter([
  { path: '/login', element: page(() => import('./LoginPage')) },
  {
    path: '/',
    element: page(() => import('./AuthGate')),
    children: [
      { index: true, element: <Home /> },
      { path: 'me', element: page(() => import('./MePage')) },
      { path: 'tasks', element: page(() => import('../features/tasks/TasksPage')) },
      { path: 'prospects', element: page(() => import('../features/prospects/ProspectListPage')) },
      { path: 'prospects/new', element: page(() => import('../features/prospects/ProspectCreatePage')) },
      { path: 'prospects/:id', element: page(() => import('../features/prospects/ProspectDetailPage')) },
      { path: 'pool', element: page(() => import('../features/prospects/PoolPage')) },
      { path: 'customers', element: page(() => import('../features/customers/CustomerListPage')) },
      { path: 'customers/:id', element: page(() => import('../features/customers/CustomerDetailPage')) },
      { path: 'visits', element: page(() => import('../features/visits/VisitListPage')) },
      { path: 'visits/new', element: page(() => import('../features/visits/VisitFormPage')) },
      { path: 'visits/:id', element: page(() => import('../features/visits/VisitDetailPage')) },
      { path: 'visits/:id/edit', element: page(() => import('../features/visits/VisitFormPage')) },
      { path: 'contracts', element: page(() => import('../features/contracts/ContractListPage')) },
      { path: 'contracts/new', element: page(() => import('../features/contracts/ContractFormPage')) },
      { path: 'contracts/:id', element: page(() => import('../features/contracts/ContractDetailPage')) },
      { path: 'contracts/:id/edit', element: page(() => import('../features/contracts/ContractFormPage')) },
      { path: 'receivables', element: page(() => import('../features/receivables/ReceivableListPage')) },
      { path: 'receivables/:id', element: page(() => import('../features/receivables/ReceivableDetailPage')) },
      { path: 'complaints', element: page(() => import('../features/complaints/ComplaintListPage')) },
      { path: 'complaints/new', element: page(() => import('../features/complaints/ComplaintCreatePage')) },
      { path: 'complaints/:id', element: page(() => import('../features/complaints/ComplaintDetailPage')) },
      { path: 'work-reports', element: page(() => import('../features/work-reports/WorkReportListPage')) },
      { path: 'work-reports/new', element: page(() => import('../features/work-reports/WorkReportFormPage')) },
      { path: 'work-reports/:id', element: page(() => import('../features/work-reports/WorkReportDetailPage')) },
      { path: '*', element: page(() => import('./NotFoundPage')) },
    ],
  },
]);
