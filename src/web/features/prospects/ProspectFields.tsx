import { WarningOutlined } from '@ant-design/icons';
import { Form, Input, type FormInstance } from 'antd';
import { ApiError } from '../../lib/api/problem';
import { fieldErrors } from '../../lib/api/problem';
import { useLiveDuplicates, type DuplicateMatch, type ProspectInput } from './api';
import { usccRule } from '../../lib/uscc';
import { duplicateMessage, INDUSTRIES, REGIONS, SOURCES, type DuplicateField } from './vocab';

/** As the server accepts it: 7–20 characters of digits, spaces, +, -, brackets. */
const PHONE_PATTERN = /^\+?[0-9０-９ ()（）-]{7,20}$/;

/** Free text with the usual values offered by the browser's own suggestion list (a full-size input on a phone). */
function Suggest({ id, options, ...rest }: { id?: string; options: string[]; placeholder?: string; value?: string; onChange?: (e: unknown) => void }) {
  return (
    <>
      <Input id={id} list={`${id}-options`} autoComplete="off" maxLength={50} {...rest} />
      <datalist id={`${id}-options`}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
    </>
  );
}

/** A dark amber that keeps the contrast axe asks for (antd's warning yellow does not on white). */
function DuplicateWarning({ match }: { match?: DuplicateMatch }) {
  if (!match) return null;
  return (
    <span data-testid={`duplicate-${match.field}`} style={{ color: '#ad4e00', display: 'inline-flex', gap: 4, alignItems: 'center' }}>
      <WarningOutlined aria-hidden />
      {duplicateMessage(match.field, match.entity)}
    </span>
  );
}

/**
 * The prospect's fields (登记 and 编辑), labelled as SPEC §10 names them, with live 查重: a match
 * shows next to the field that matches, by kind only — the record itself is not linked, since
 * the caller may not be allowed to read it.
 */
export function ProspectFields({ form, except }: { form: FormInstance<ProspectInput>; except?: string }) {
  const companyName = Form.useWatch('companyName', form);
  const uscc = Form.useWatch('uscc', form);
  const contactPhone = Form.useWatch('contactPhone', form);
  const dup = useLiveDuplicates({ companyName, uscc, contactPhone }, except);
  // the warning sits under its field; one polite live region reads the warnings out as they come
  const live = (field: DuplicateField) => (dup.byField(field) ? <DuplicateWarning match={dup.byField(field)} /> : undefined);
  const spoken = (['companyName', 'uscc', 'contactPhone'] as const)
    .map((f) => dup.byField(f))
    .filter((m): m is DuplicateMatch => !!m)
    .map((m) => duplicateMessage(m.field, m.entity))
    .join('；');

  return (
    <>
      <div aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {spoken}
      </div>
      <Form.Item label="公司名称" name="companyName" rules={[{ required: true, whitespace: true, message: '请输入公司名称' }, { max: 200 }]} extra={live('companyName')}>
        <Input autoComplete="organization" maxLength={200} />
      </Form.Item>
      <Form.Item label="统一社会信用代码" name="uscc" rules={[usccRule]} extra={live('uscc')} validateTrigger={['onBlur', 'onChange']}>
        <Input autoComplete="off" autoCapitalize="characters" maxLength={24} placeholder="18 位，可选" />
      </Form.Item>
      <Form.Item label="联系人" name="contactName" rules={[{ required: true, whitespace: true, message: '请输入联系人' }, { max: 50 }]}>
        <Input autoComplete="name" maxLength={50} />
      </Form.Item>
      <Form.Item
        label="联系电话"
        name="contactPhone"
        rules={[
          { required: true, whitespace: true, message: '请输入联系电话' },
          { pattern: PHONE_PATTERN, message: '请输入 7–20 位电话号码（数字、空格、+、-、括号）' },
        ]}
        extra={live('contactPhone')}
      >
        <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
      </Form.Item>
      <Form.Item label="地区" name="region" rules={[{ max: 50 }]}>
        <Suggest options={REGIONS} placeholder="如 华南" />
      </Form.Item>
      <Form.Item label="行业" name="industry" rules={[{ max: 50 }]}>
        <Suggest options={INDUSTRIES} placeholder="如 制造业" />
      </Form.Item>
      <Form.Item label="来源" name="source" rules={[{ max: 50 }]}>
        <Suggest options={SOURCES} placeholder="如 展会" />
      </Form.Item>
      <Form.Item label="备注" name="notes" rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

/**
 * After a refused submit: a 409 DUPLICATE_PARTY goes onto the field that matches (same words as
 * the live check), a 400's per-field messages onto their fields. Returns whether it placed any.
 */
export function placeErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const p = error.problem;
  if (p.code === 'DUPLICATE_PARTY' && p.duplicateOf) {
    const field = p.duplicateOf.field as DuplicateField;
    form.setFields([{ name: field, errors: [duplicateMessage(field, p.duplicateOf.entity as 'prospect' | 'customer')] }]);
    return true;
  }
  const byField = fieldErrors(p);
  const names = Object.keys(byField);
  if (names.length) form.setFields(names.map((name) => ({ name, errors: byField[name] })));
  return names.length > 0;
}
