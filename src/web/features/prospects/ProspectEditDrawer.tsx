import { Button, Drawer, Form, Modal, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useAssign, useDirectory, useUpdateProspect, type Prospect, type ProspectInput } from './api';
import { placeErrors, ProspectFields } from './ProspectFields';

const toInput = (p: Prospect): ProspectInput => ({
  companyName: p.companyName,
  uscc: p.uscc ?? '',
  contactName: p.contactName,
  contactPhone: p.contactPhone,
  region: p.region ?? '',
  industry: p.industry ?? '',
  source: p.source ?? '',
  notes: p.notes ?? '',
});

/** 编辑: the same fields as 登记, sent with the version read; a stale version offers to reload. */
export function ProspectEditDrawer({ prospect, open, onClose, onReload }: { prospect: Prospect; open: boolean; onClose: () => void; onReload: () => Promise<unknown> }) {
  const [form] = Form.useForm<ProspectInput>();
  const isPhone = useIsPhone();
  const update = useUpdateProspect(prospect.id);

  useEffect(() => {
    if (open) {
      form.setFieldsValue(toInput(prospect));
      update.reset();
    }
    // only when opened: a refetch must not overwrite what is being typed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = (v: ProspectInput) =>
    update.mutate({ ...v, version: prospect.version }, { onSuccess: onClose, onError: (e) => placeErrors(form, e) });

  const reload = async () => {
    await onReload();
    update.reset();
  };

  return (
    <Drawer title="编辑潜在客户" open={open} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 520}>
      <ProblemAlert error={update.error} onReload={() => void reload()} />
      <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} onFinish={submit} scrollToFirstError>
        <ProspectFields form={form} except={prospect.id} />
        <Button type="primary" htmlType="submit" size="large" block loading={update.isPending}>
          保存
        </Button>
      </Form>
    </Drawer>
  );
}

/** 分派: a new owner from the directory, within what the caller's grant reaches (the API checks). */
export function AssignModal({ prospect, open, onClose }: { prospect: Prospect; open: boolean; onClose: () => void }) {
  const session = useSession();
  const scope = session.grant('prospect.assign')?.scope;
  const dir = useDirectory(open);
  const assign = useAssign(prospect.id);
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const options = useMemo(
    () =>
      (dir.data ?? [])
        .filter((u) => u.department === prospect.department && u.id !== prospect.ownerId)
        .filter((u) => scope !== 'team' || u.id === session.me.user.id || u.supervisorId === session.me.user.id)
        .map((u) => ({ value: u.id, label: `${u.displayName}（${u.roleName}）` })),
    [dir.data, prospect, scope, session.me.user.id],
  );

  return (
    <Modal
      title="分派潜在客户"
      open={open}
      onCancel={onClose}
      okText="分派"
      okButtonProps={{ disabled: !ownerId, loading: assign.isPending }}
      onOk={() => ownerId && assign.mutate(ownerId, { onSuccess: onClose })}
      afterOpenChange={(o) => {
        if (!o) {
          setOwnerId(undefined);
          assign.reset();
        }
      }}
    >
      <ProblemAlert error={assign.error ?? dir.error} />
      <Form layout="vertical">
        <Form.Item label="负责人" htmlFor="assign-owner">
          <Select id="assign-owner" showSearch={{ optionFilterProp: 'label' }} loading={dir.isPending} value={ownerId} onChange={setOwnerId} options={options} placeholder="选择本部门人员" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
