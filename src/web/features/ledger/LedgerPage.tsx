import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Flex, Form } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { ContractPicker } from '../../components/ContractPicker';
import { ListPage } from '../../components/ListPage';
import { PartyPicker, parseParty, partyValue } from '../../components/PartyPicker';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadableTag } from '../../components/ReadableTag';
import { useUrlParams } from '../../components/url-state';
import { download } from '../../lib/api/client';
import { dayjs, formatDate, formatMoney, todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { fetchLedger, KIND, ledgerExportPath, useCustomerBalance, type LedgerLine } from './api';


/** On a desk the picker takes the row's room beside its label instead of wrapping under it. */
const FILL = { style: { flex: '1 1 0', minWidth: 0 } };

const WITH_LEDGER = ['signed', 'completed', 'terminated'] as const;

const zero = (v: string) => /^-?0+(\.0+)?$/.test(v);
const money = (v: string) => (zero(v) ? '—' : <span style={{ whiteSpace: 'nowrap', color: v.startsWith('-') ? '#a8071a' : undefined }}>{formatMoney(v)}</span>);
const balance = (v: string) => <strong style={{ whiteSpace: 'nowrap' }}>{formatMoney(v)}</strong>;

/**
 * The running balance is the last column and stays in view (fixed right) however wide the table.
 * Filtered to one customer or contract the customer column says nothing new and is left out.
 */
function columnsFor(byContract: boolean, oneCustomer: boolean): ColumnsType<LedgerLine> {
  const head: ColumnsType<LedgerLine> = [
    { title: '日期', dataIndex: 'occurredAt', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(v)}</span> },
    { title: '类型', dataIndex: 'kind', render: (k: LedgerLine['kind']) => <ReadableTag tone={KIND[k].tone}>{KIND[k].label}</ReadableTag> },
    ...(oneCustomer ? [] : [{ title: '客户', dataIndex: 'customerName', render: (v: string, l: LedgerLine) => <Link to={`/customers/${l.customerId}`}>{v}</Link> }]),
    { title: '合同', dataIndex: 'contractNumber', render: (v: string, l) => <Link to={`/contracts/${l.contractId}`}>{v}</Link> },
    { title: '摘要', dataIndex: 'description', render: (v: string) => <div style={{ minWidth: 160, maxWidth: 260, overflowWrap: 'anywhere' }}>{v}</div> },
    { title: '借方（应收）', dataIndex: 'debit', align: 'right', render: money },
    { title: '贷方（收款）', dataIndex: 'credit', align: 'right', render: money },
  ];
  // Filtered to one contract, the customer's running figure would count that contract only: show the contract's.
  if (byContract) return [...head, { title: '余额', dataIndex: 'contractBalance', align: 'right', fixed: 'right', render: balance }];
  return [
    ...head,
    { title: '合同余额', dataIndex: 'contractBalance', align: 'right', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(v)}</span> },
    { title: '客户余额', dataIndex: 'customerBalance', align: 'right', fixed: 'right', render: balance },
  ];
}

/** The picked customer: whom the ledger is about and what they owe now. */
function CustomerSummary({ customerId }: { customerId: string }) {
  const { can } = useSession();
  const q = useCustomerBalance(customerId, can('customer.read'));
  if (!q.data) return null;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="customer-balance">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'c', label: '客户', children: <Link to={`/customers/${customerId}`}>{q.data.customerName}</Link> },
          { key: 'b', label: '当前余额（应收未收）', children: balance(q.data.balance) },
        ]}
      />
    </Card>
  );
}

/**
 * 销售台账: sales (debit), payments and reversals (credit) in ledger order with running balances;
 * filters customer, contract, from, to in the URL; the same rows as CSV or Excel from the API.
 */
export default function LedgerPage() {
  const { params, update } = useUrlParams();
  const isPhone = useIsPhone();
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const customer = parseParty(params.customerId ? `customer:${params.customerId}` : undefined);
  const { can } = useSession();
  const named = useCustomerBalance(customer?.id, can('customer.read'));
  const byContract = !!params.contractId;

  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExporting(format);
    setExportError(null);
    try {
      await download(ledgerExportPath(params, format), `销售台账-${todayInBusinessTz()}.${format}`);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(null);
    }
  };

  const intro = (
    <>
      <Form layout={isPhone ? 'vertical' : 'inline'} style={{ marginBottom: 12 }}>
        <Form.Item label="客户" htmlFor="ledger-customer" wrapperCol={isPhone ? undefined : FILL} style={{ marginBottom: 8, minWidth: isPhone ? undefined : 260, maxWidth: 420, flex: isPhone ? undefined : 1 }}>
          <PartyPicker
            id="ledger-customer"
            value={customer ? partyValue(customer) : undefined}
            initial={customer && named.data ? { ...customer, name: named.data.customerName } : undefined}
            placeholder="全部（输入名称搜索）"
            onChange={(v) => update({ customerId: parseParty(v)?.id })}
          />
        </Form.Item>
        <Form.Item label="合同" htmlFor="ledger-contract" wrapperCol={isPhone ? undefined : FILL} style={{ marginBottom: 8, minWidth: isPhone ? undefined : 320, maxWidth: 480, flex: isPhone ? undefined : 1 }}>
          <ContractPicker id="ledger-contract" statuses={[...WITH_LEDGER]} value={params.contractId} placeholder="全部（输入编号、名称或客户）" onChange={(v) => update({ contractId: v })} />
        </Form.Item>
        {/* the dates sit with the other filters, so the customer's balance below follows all of them */}
        {(['from', 'to'] as const).map((name) => (
          <Form.Item key={name} label={name === 'from' ? '日期从' : '至'} htmlFor={`ledger-${name}`} style={{ marginBottom: 8 }}>
            <DatePicker
              id={`ledger-${name}`}
              style={isPhone ? { width: '100%' } : undefined}
              value={params[name] ? dayjs(params[name]) : null}
              onChange={(d) => update({ [name]: d ? d.format('YYYY-MM-DD') : undefined })}
            />
          </Form.Item>
        ))}
      </Form>
      {customer && <CustomerSummary customerId={customer.id} />}
      <ProblemAlert error={exportError} />
    </>
  );

  return (
    <ListPage<LedgerLine>
      title="销售台账"
      resource="ledger"
      fetch={fetchLedger}
      columns={columnsFor(byContract, !!params.customerId || byContract)}
      intro={intro}
      emptyText="暂无台账记录"
      card={(l) => ({
        title: (
          <>
            <ReadableTag tone={KIND[l.kind].tone}>{KIND[l.kind].label}</ReadableTag>
            {l.customerName}
          </>
        ),
        description: (
          <>
            <div>
              {formatDate(l.occurredAt)} · {l.contractNumber}
            </div>
            <div style={{ overflowWrap: 'anywhere' }}>{l.description}</div>
          </>
        ),
        extra: (
          <div style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
            <div>{zero(l.debit) ? money(l.credit) : money(l.debit)}</div>
            <div style={{ fontSize: 12, color: '#595959' }}>余额 {formatMoney(byContract ? l.contractBalance : l.customerBalance)}</div>
          </div>
        ),
      })}
      actions={
        <Flex gap={8} wrap>
          <Button icon={<DownloadOutlined />} size={isPhone ? 'large' : undefined} loading={exporting === 'csv'} onClick={() => void exportAs('csv')}>
            导出 CSV
          </Button>
          <Button icon={<DownloadOutlined />} size={isPhone ? 'large' : undefined} loading={exporting === 'xlsx'} onClick={() => void exportAs('xlsx')}>
            导出 Excel
          </Button>
        </Flex>
      }
    />
  );
}
