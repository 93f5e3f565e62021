import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Modal, Select } from 'antd';
import { useMemo, useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { api, call } from '../../lib/api/client';
import { useSession } from '../../lib/session';
import { customerKeys, useDirectory, type Customer } from './api';

/** The roles that may read customers (an owner must), from the matrix the API authorises with. */
function useCustomerReaders(enabled: boolean) {
  return useQuery({
    queryKey: ['duties', 'matrix'],
    enabled,
    staleTime: 30 * 60_000,
    queryFn: () => call(api.GET('/api/v1/duties/matrix')),
    select: (m) => new Set<string>(m.items.find((e) => e.permission === 'customer.read')?.grants.map((g) => g.role) ?? []),
  });
}

/**
 * 划分责任分区 (SAL-4.7, MKT-4.2, KA-4.5): a new owner for the customer, from the assigner's own
 * department (the 总经理: anyone who may hold customers). The customer follows the owner's department.
 */
export function CustomerAssignModal({ customer, open, onClose }: { customer: Customer; open: boolean; onClose: () => void }) {
  const session = useSession();
  const scope = session.grant('customer.assign')?.scope;
  const dir = useDirectory(open);
  const readers = useCustomerReaders(open);
  const qc = useQueryClient();
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const assign = useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/customers/{id}/assign', { params: { path: { id: customer.id } }, body: { ownerId: id } })),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(customer.id), c);
      void qc.invalidateQueries({ queryKey: customerKeys.all });
      void qc.invalidateQueries({ queryKey: ['key-accounts'] });
    },
  });
  const options = useMemo(
    () =>
      (dir.data ?? [])
        .filter((u) => u.id !== customer.ownerId && readers.data?.has(u.role))
        .filter((u) => scope === 'all' || u.department === session.me.user.department)
        .map((u) => ({ value: u.id, label: `${u.displayName}（${u.roleName}）` })),
    [dir.data, readers.data, customer.ownerId, scope, session.me.user.department],
  );

  return (
    <Modal
      title="划分责任分区"
      open={open}
      onCancel={onClose}
      okText="分配"
      cancelText="取消"
      okButtonProps={{ disabled: !ownerId, loading: assign.isPending }}
      onOk={() => ownerId && assign.mutate(ownerId, { onSuccess: onClose })}
      afterClose={() => {
        setOwnerId(undefined);
        assign.reset();
      }}
    >
      <ProblemAlert error={assign.error} />
      <Form layout="vertical">
        <Form.Item label="新负责人" htmlFor="customer-assignee">
          <Select
            id="customer-assignee"
            showSearch={{ optionFilterProp: 'label' }}
            loading={dir.isPending || readers.isPending}
            options={options}
            value={ownerId}
            onChange={setOwnerId}
            placeholder="请选择"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
