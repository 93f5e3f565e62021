import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Action } from '../../components/Action';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ErrorResult';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { dayjs, getBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useLogCollection, type CollectionInput } from './api';
import { COLLECTION_METHOD, COLLECTION_RESULT, options } from './vocab';

interface Values {
  contactedAt?: Dayjs;
  method?: CollectionInput['method'];
  result?: CollectionInput['result'];
  promisedDate?: Dayjs | null;
  note?: string;
}

/** The pickers show business-time wall clock; this turns one back into an instant with offset. */
const WALL = 'YYYY-MM-DDTHH:mm:ss';
const nowOnWall = () => dayjs(dayjs().tz(getBusinessTz()).format(WALL));
const wallToIso = (d: Dayjs) => dayjs.tz(d.format(WALL), getBusinessTz()).format();

/** 记录催收: when, how, what came of it, a promised date if any, and a note. */
export function CollectionForm({ receivableId, onDone }: { receivableId: string; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const log = useLogCollection(receivableId);
  const [error, setError] = useState<unknown>(null);
  const isPhone = useIsPhone();

  const submit = async (v: Values) => {
    setError(null);
    try {
      await log.mutateAsync({
        contactedAt: wallToIso(v.contactedAt!),
        method: v.method!,
        result: v.result!,
        promisedDate: v.promisedDate ? v.promisedDate.format('YYYY-MM-DD') : undefined,
        note: (v.note ?? '').trim(),
      });
      form.resetFields();
      onDone();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const errs = Object.entries(fieldErrors(e.problem));
        if (errs.length) form.setFields(errs.map(([name, errors]) => ({ name: name as keyof Values, errors })));
      }
    }
  };

  return (
    <>
      <ProblemAlert error={error} />
      <Form<Values> form={form} layout="vertical" initialValues={{ contactedAt: nowOnWall() }} onFinish={(v) => void submit(v)} name="collection" size={isPhone ? 'large' : undefined}>
        <Form.Item name="contactedAt" label="联系时间" rules={[{ required: true, message: '请选择联系时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} allowClear={false} inputReadOnly={isPhone} styles={isPhone ? PHONE_TAP.picker : undefined} />
        </Form.Item>
        <Form.Item name="method" label="联系方式" rules={[{ required: true, message: '请选择联系方式' }]}>
          <Select options={options(COLLECTION_METHOD)} placeholder="请选择" styles={isPhone ? PHONE_TAP.select : undefined} />
        </Form.Item>
        <Form.Item name="result" label="催收结果" rules={[{ required: true, message: '请选择催收结果' }]}>
          <Select options={options(COLLECTION_RESULT)} placeholder="请选择" styles={isPhone ? PHONE_TAP.select : undefined} />
        </Form.Item>
        <Form.Item name="promisedDate" label="承诺付款日期" extra="客户答应付款的日期，没有可不填">
          {/* On a phone the typed date is erased with the keyboard: the tiny clear icon is no tap target. */}
          <DatePicker style={{ width: '100%' }} allowClear={!isPhone} styles={isPhone ? PHONE_TAP.picker : undefined} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[{ required: true, whitespace: true, message: '请写明沟通情况' }, { max: 2000, message: '最多 2000 字' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：财务答应月底前安排付款" />
        </Form.Item>
        <Action permission="collection.log" type="primary" htmlType="submit" size="large" block={isPhone} loading={log.isPending}>
          保存催收记录
        </Action>
      </Form>
    </>
  );
}
