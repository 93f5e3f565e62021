import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useArchiveContract, type Contract, type ContractSummary } from './api';

/**
 * 归档: where the paper copy is kept (存放位置, required). The archive number comes from the API.
 * On a refusal the dialog stays open with what was typed and the API's reason.
 */
export function ArchiveDialog({
  contract,
  onClose,
  onArchived,
}: {
  /** The contract to file; null while the dialog is closed. */
  contract: Pick<ContractSummary, 'id' | 'number' | 'title'> | null;
  onClose: () => void;
  onArchived?: (c: Contract) => void;
}) {
  const archive = useArchiveContract();
  const [form] = Form.useForm<{ location: string }>();
  const [error, setError] = useState<unknown>(null);
  // The last contract stays shown while the dialog fades out (its title is its accessible name).
  const [shown, setShown] = useState(contract);
  if (contract && contract.id !== shown?.id) setShown(contract);
  const close = () => {
    setError(null);
    onClose();
  };

  const run = async () => {
    const v = await form.validateFields();
    if (!contract) return;
    setError(null);
    try {
      const filed = await archive.mutateAsync({ id: contract.id, location: v.location.trim() });
      onArchived?.(filed);
      close();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Modal
      open={!!contract}
      title={`归档 ${shown?.number ?? ''}`}
      okText="确认归档"
      cancelText="取消"
      confirmLoading={archive.isPending}
      onOk={() => void run().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      <p style={{ marginTop: 0 }}>{shown?.title}：纸质合同放入档案后，登记存放位置；档案号由系统按合同编号生成。</p>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="location"
          label="存放位置"
          rules={[
            { required: true, whitespace: true, message: '请填写存放位置' },
            { max: 200, message: '最多 200 字' },
          ]}
        >
          <Input placeholder="如：档案室 A 柜 3 层" maxLength={200} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
