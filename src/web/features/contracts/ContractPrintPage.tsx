import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { Loading } from '../../components/Loading';
import { ApiError } from '../../lib/api/problem';
import { formatDate, formatDateTime, formatMoney, nowIso } from '../../lib/format';
import { loginPathFor } from '../../lib/next-path';
import { useMeQuery } from '../../lib/session';
import { useContract, useDirectory, type Contract } from './api';
import { toChineseCapital } from './capital';
import { APPROVAL_LEVEL, CONTRACT_STATUS, DECISION } from './vocab';
import './print.css';

function Sheet({ c, nameOf, printedBy }: { c: Contract; nameOf: (id: string) => string; printedBy: string }) {
  // The moment the page was opened: what the paper says it was printed at.
  const [printedAt] = useState(nowIso);
  const approvals = [...c.approvals].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
  const capital = toChineseCapital(c.amount);
  return (
    <article className="contract-print-sheet" aria-label="销售合同归档登记表">
      <h1>销售合同归档登记表</h1>
      <div className="sheet-meta">
        <span>档案号：{c.archiveNo ?? '（尚未归档）'}</span>
        <span>合同编号：{c.number}</span>
      </div>
      <table data-testid="print-fields">
        <colgroup>
          <col style={{ width: '19%' }} />
          <col style={{ width: '31%' }} />
          <col style={{ width: '19%' }} />
          <col style={{ width: '31%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th scope="row">合同名称</th>
            <td colSpan={3}>{c.title}</td>
          </tr>
          <tr>
            <th scope="row">客户</th>
            <td colSpan={3}>{c.customerName}</td>
          </tr>
          <tr>
            <th scope="row">合同金额（小写）</th>
            <td className="num" data-testid="amount-figures">
              {formatMoney(c.amount)}
            </td>
            <th scope="row">合同状态</th>
            <td>{CONTRACT_STATUS[c.status].label}</td>
          </tr>
          <tr>
            <th scope="row">合同金额（大写）</th>
            <td colSpan={3} data-testid="amount-capital">
              人民币{capital ?? c.amount}
            </td>
          </tr>
          <tr>
            <th scope="row">起止日期</th>
            <td>
              {formatDate(c.startDate)} 至 {formatDate(c.endDate)}
            </td>
            <th scope="row">签订日期</th>
            <td>{formatDate(c.signedAt)}</td>
          </tr>
          <tr>
            <th scope="row">拟定人</th>
            <td>{nameOf(c.ownerId)}</td>
            <th scope="row">批准日期</th>
            <td>{formatDate(c.approvedAt)}</td>
          </tr>
          {c.terminatedAt && (
            <tr>
              <th scope="row">终止</th>
              <td colSpan={3}>
                {formatDate(c.terminatedAt)}　{c.terminationReason}
              </td>
            </tr>
          )}
        </tbody>
      </table>

      <h2>回款计划</h2>
      <table data-testid="print-plan">
        <colgroup>
          <col style={{ width: '19%' }} />
          <col style={{ width: '40%' }} />
          <col style={{ width: '41%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">期次</th>
            <th scope="col">到期日</th>
            <th scope="col" className="num">
              金额
            </th>
          </tr>
        </thead>
        <tbody>
          {c.paymentPlan.map((l) => (
            <tr key={l.seq}>
              <td>第 {l.seq} 期</td>
              <td>{formatDate(l.dueDate)}</td>
              <td className="num">{formatMoney(l.amount)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" colSpan={2}>
              合计
            </th>
            <td className="num">{formatMoney(c.amount)}</td>
          </tr>
        </tbody>
      </table>

      <h2>审批记录</h2>
      <table data-testid="print-approvals">
        <colgroup>
          <col style={{ width: '11%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '12%' }} />
          <col style={{ width: '8%' }} />
          <col style={{ width: '34%' }} />
          <col style={{ width: '20%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">提交</th>
            <th scope="col">审批级别</th>
            <th scope="col">审批人</th>
            <th scope="col">结论</th>
            <th scope="col">审批意见</th>
            <th scope="col">审批时间</th>
          </tr>
        </thead>
        <tbody>
          {approvals.length === 0 ? (
            <tr>
              <td colSpan={6}>无审批记录</td>
            </tr>
          ) : (
            approvals.map((a, i) => (
              <tr key={i}>
                <td>第 {a.round} 次</td>
                <td>{APPROVAL_LEVEL[a.level]}</td>
                <td>{nameOf(a.approverId)}</td>
                <td>{DECISION[a.decision]}</td>
                <td>{a.comment ?? ''}</td>
                <td>{formatDateTime(a.decidedAt)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>

      <h2>归档信息</h2>
      <table data-testid="print-archive">
        <colgroup>
          <col style={{ width: '19%' }} />
          <col style={{ width: '31%' }} />
          <col style={{ width: '19%' }} />
          <col style={{ width: '31%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th scope="row">档案号</th>
            <td>{c.archiveNo ?? ''}</td>
            <th scope="row">存放位置</th>
            <td>{c.archiveLocation ?? ''}</td>
          </tr>
          <tr>
            <th scope="row">归档人</th>
            <td>{c.archivedBy ? nameOf(c.archivedBy) : ''}</td>
            <th scope="row">归档时间</th>
            <td>{c.archivedAt ? formatDateTime(c.archivedAt) : ''}</td>
          </tr>
        </tbody>
      </table>

      <div className="sheet-signatures">
        <span>经办人（签字）：＿＿＿＿＿＿＿＿</span>
        <span>档案管理人（签字）：＿＿＿＿＿＿＿＿</span>
        <span>日期：＿＿＿＿年＿＿月＿＿日</span>
      </div>
      <div className="sheet-footer">
        <span>职责 CRM · 销售合同档案</span>
        <span data-testid="printed-at">
          打印时间：{formatDateTime(printedAt)}　打印人：{printedBy}
        </span>
      </div>
    </article>
  );
}

/**
 * 打印登记表: the one-page A4 record of a contract a 内勤 files with the paper copy — figures and
 * 大写 amount, the payment plan, the approval trail, the archive number and location. It stands
 * outside the console's layout (nothing of the menu is printed) but asks who is signed in first.
 */
export default function ContractPrintPage() {
  const { id = '' } = useParams();
  const me = useMeQuery();
  const location = useLocation();
  const navigate = useNavigate();
  const signedIn = !!me.data;
  const q = useContract(signedIn ? id : undefined);
  const dir = useDirectory(signedIn);
  const nameOf = (uid: string) => dir.data?.find((u) => u.id === uid)?.displayName ?? '—';

  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to={loginPathFor(location)} replace />;
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate(`/contracts/${id}`));
  return (
    <div className="contract-print">
      <div className="contract-print-toolbar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          返回
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!q.data || dir.isPending} onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <main>
        {me.error || q.error ? (
          <div className="contract-print-sheet">
            <ErrorResult error={me.error ?? q.error} onRetry={() => void q.refetch()} />
          </div>
        ) : !q.data || dir.isPending ? (
          <Loading />
        ) : (
          <Sheet c={q.data} nameOf={nameOf} printedBy={me.data?.user.displayName ?? ''} />
        )}
      </main>
    </div>
  );
}
