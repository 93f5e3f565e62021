import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Radio, Select, type FormInstance } from 'antd';
import { PHONE_TAP } from '../../components/phone-tap';
import { useIsPhone } from '../../lib/responsive';
import type { DutyClause, DutyMatrix, RoleCode } from './api';
import { CLAUSE_ACTIONS, GRANT_ACTIONS, grantOf, type ChangeRowValue, type ClauseAction, type GrantAction } from './changes';
import { SCOPE, SCOPES } from './vocab';

/** What a row may pick from: the drafter's positions and clauses, in the latest version. */
export interface ChangeContext {
  matrix: DutyMatrix;
  /** The positions of the rules the drafter revises. */
  roles: { code: RoleCode; name: string }[];
  /** The clauses of those rules. */
  clauses: DutyClause[];
  /** Clause ids this draft adds (a grant may cite them). */
  added: string[];
}

const options = <K extends string>(labels: Record<K, string>, keys: K[]) => keys.map((k) => ({ value: k, label: labels[k] }));

/** The current grant, as a sentence: 现行授权：本人 · 依据 SAL-7.3. */
function CurrentGrant({ ctx, row }: { ctx: ChangeContext; row: ChangeRowValue }) {
  if (!row.role || !row.permission) return null;
  const g = grantOf(ctx.matrix, row.permission, row.role);
  return (
    <div data-testid="current-grant" style={{ marginBottom: 8, color: 'rgba(0,0,0,0.72)' }}>
      {g ? `现行授权：${SCOPE[g.scope]} · 依据 ${g.clauses.join('、') || '—'}` : '现行：该岗位没有这项权限'}
    </div>
  );
}

/**
 * One change of a revision: 授权 (a position's grant of a permission — 取消授权, 调整范围,
 * 调整引用条款, or 新增授权 where it holds none) or 条款 (修改原文, 撤销, 新增). What exists now is
 * shown beside it; the server's objection to this change, if any, right under it.
 */
export function ChangeRow({ form, name, index, ctx, errors, onRemove }: { form: FormInstance; name: number; index: number; ctx: ChangeContext; errors?: string[]; onRemove: () => void }) {
  const isPhone = useIsPhone();
  const row: ChangeRowValue = Form.useWatch(['changes', name], form) ?? {};
  const select = isPhone ? PHONE_TAP.select : undefined;
  const set = (patch: Partial<ChangeRowValue>) => form.setFieldValue(['changes', name], { ...form.getFieldValue(['changes', name]), ...patch });
  const grant = grantOf(ctx.matrix, row.permission, row.role);
  const grantActions: GrantAction[] = grant ? ['remove', 'scope', 'clauses'] : ['add'];
  const clause = ctx.clauses.find((c) => c.id === row.clauseId);
  const clauseIds = [...new Set([...ctx.clauses.map((c) => c.id), ...ctx.added, ...(grant?.clauses ?? [])])];
  const half = { flex: '1 1 240px', marginBottom: 8 };

  // A new position or permission: the action offered depends on what it holds now.
  const pickGrant = (patch: Partial<ChangeRowValue>) => {
    const next = { ...row, ...patch };
    const g = grantOf(ctx.matrix, next.permission, next.role);
    set({ ...patch, action: g ? (next.action === 'add' ? undefined : next.action) : 'add', scope: g?.scope, clauses: g ? [...g.clauses] : [] });
  };
  const pickClause = (id: string) => {
    const c = ctx.clauses.find((x) => x.id === id);
    set({ clauseId: id, text: c?.text, summary: c?.summary });
  };

  return (
    <Card
      size="small"
      data-testid="change-row"
      data-index={index}
      title={`第 ${index + 1} 项`}
      extra={<Button aria-label={`删除第 ${index + 1} 项`} icon={<DeleteOutlined />} danger type="text" onClick={onRemove} style={{ minWidth: 44, minHeight: 44 }} />}
      style={{ marginBottom: 12, borderColor: errors?.length ? '#ff4d4f' : undefined }}
    >
      <Form.Item name={[name, 'target']} label="修订对象" style={{ marginBottom: 8 }} rules={[{ required: true, message: '请选择修订对象' }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          onChange={() => set({ action: undefined, role: undefined, permission: undefined, clauseId: undefined, text: undefined, summary: undefined, scope: undefined, clauses: [] })}
          options={[
            { value: 'grant', label: '授权' },
            { value: 'clause', label: '条款' },
          ]}
        />
      </Form.Item>

      {row.target === 'grant' && (
        <>
          <Flex gap={8} wrap>
            <Form.Item name={[name, 'role']} label="岗位" style={half} rules={[{ required: true, message: '请选择岗位' }]}>
              <Select styles={select} placeholder="选择岗位" options={ctx.roles.map((r) => ({ value: r.code, label: r.name }))} onChange={(role: RoleCode) => pickGrant({ role })} />
            </Form.Item>
            <Form.Item name={[name, 'permission']} label="权限" style={half} rules={[{ required: true, message: '请选择权限' }]}>
              <Select
                styles={select}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择或搜索权限"
                options={ctx.matrix.items.map((e) => ({ value: e.permission, label: `${e.name}（${e.permission}）` }))}
                onChange={(permission: ChangeRowValue['permission']) => pickGrant({ permission })}
              />
            </Form.Item>
          </Flex>
          <CurrentGrant ctx={ctx} row={row} />
          {row.role && row.permission && (
            <Form.Item name={[name, 'action']} label="修订方式" style={{ marginBottom: 8 }} rules={[{ required: true, message: '请选择修订方式' }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={options(GRANT_ACTIONS, grantActions)} />
            </Form.Item>
          )}
          <Flex gap={8} wrap>
            {(row.action === 'scope' || row.action === 'add') && (
              <Form.Item name={[name, 'scope']} label="范围" style={half} rules={[{ required: true, message: '请选择范围' }]}>
                <Select styles={select} options={options(SCOPE, [...SCOPES])} />
              </Form.Item>
            )}
            {(row.action === 'clauses' || row.action === 'add') && (
              <Form.Item name={[name, 'clauses']} label="引用条款" style={half} rules={[{ required: true, type: 'array', min: 1, message: '请选择至少一条条款' }]}>
                <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} placeholder="选择条款" options={clauseIds.map((id) => ({ value: id, label: id }))} maxCount={10} />
              </Form.Item>
            )}
          </Flex>
        </>
      )}

      {row.target === 'clause' && (
        <>
          <Form.Item name={[name, 'action']} label="修订方式" style={{ marginBottom: 8 }} rules={[{ required: true, message: '请选择修订方式' }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={options(CLAUSE_ACTIONS, ['change', 'withdraw', 'add'] as ClauseAction[])}
              onChange={() => set({ clauseId: undefined, text: undefined, summary: undefined, clauseRole: undefined })}
            />
          </Form.Item>
          {(row.action === 'change' || row.action === 'withdraw') && (
            <>
              <Form.Item name={[name, 'clauseId']} label="条款" style={{ marginBottom: 8 }} rules={[{ required: true, message: '请选择条款' }]}>
                <Select
                  styles={select}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="选择或搜索条款"
                  options={ctx.clauses.map((c) => ({ value: c.id, label: `${c.id} ${c.summary}` }))}
                  onChange={pickClause}
                />
              </Form.Item>
              {clause && (
                <div data-testid="current-clause" style={{ marginBottom: 8, color: 'rgba(0,0,0,0.72)' }}>
                  现行原文：{clause.text}
                </div>
              )}
            </>
          )}
          {row.action === 'add' && (
            <Flex gap={8} wrap>
              <Form.Item
                name={[name, 'clauseId']}
                label="条款编号"
                style={half}
                rules={[
                  { required: true, whitespace: true, message: '请填写条款编号' },
                  { pattern: /^\s*(MKT|SAL|KA)-\d{1,2}(\.\d{1,2})?\s*$/, message: '格式为 制度-条[.款]，如 SAL-6.8' },
                ]}
              >
                <Input placeholder="如 SAL-6.8" autoComplete="off" />
              </Form.Item>
              <Form.Item name={[name, 'clauseRole']} label="所属岗位（可选）" style={half}>
                <Select styles={select} allowClear placeholder="总则类条款不选" options={ctx.roles.map((r) => ({ value: r.code, label: r.name }))} />
              </Form.Item>
            </Flex>
          )}
          {(row.action === 'change' || row.action === 'add') && (
            <>
              <Form.Item name={[name, 'summary']} label="摘要" style={{ marginBottom: 8 }} rules={[{ required: row.action === 'add', whitespace: true, message: '请填写摘要' }, { max: 200, message: '最多 200 字' }]}>
                <Input maxLength={200} autoComplete="off" />
              </Form.Item>
              <Form.Item name={[name, 'text']} label="原文" style={{ marginBottom: 8 }} rules={[{ required: true, whitespace: true, message: '请填写条款原文' }, { max: 2000, message: '最多 2000 字' }]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
              </Form.Item>
            </>
          )}
        </>
      )}

      {errors?.map((e) => <Alert key={e} type="error" showIcon role="alert" data-testid="change-error" title={e} style={{ marginTop: 8 }} />)}
    </Card>
  );
}
