import { Button, Table } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import type { AuditEntry } from './api';
import { diffSnapshots, showValue, type FieldChange } from './diff';
import { dayjs, getBusinessTz } from '../../lib/format';
import { departmentName, FIELD_LABELS, roleName } from './vocab';

const KIND: Record<FieldChange['kind'], string> = { changed: '已修改', added: '新增', removed: '移除', same: '' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A snapshot value in words where the console knows them: role and department names, a person's
 * name for a reference to a user (supervisorId, ownerId …), instants in business time.
 */
function Value({ field, value, nameOf }: { field: string; value: unknown; nameOf: (id: string) => string | undefined }) {
  if (field === 'role' && typeof value === 'string') return <span title={value}>{roleName(value)}</span>;
  if (field === 'department' && typeof value === 'string') return <span title={value}>{departmentName(value)}</span>;
  const person = field.endsWith('Id') && typeof value === 'string' && UUID.test(value) ? nameOf(value) : undefined;
  if (person) return <span title={value as string}>{person}</span>;
  if (typeof value === 'string' && INSTANT.test(value)) return <span title={value}>{dayjs(value).tz(getBusinessTz()).format('YYYY-MM-DD HH:mm:ss')}</span>;
  return <span style={{ overflowWrap: 'anywhere' }}>{showValue(value)}</span>;
}

/**
 * 修改前 / 修改后 side by side: the changed fields first and marked, the unchanged ones folded
 * away; a creation lists what was created.
 */
export function AuditDiff({ entry, nameOf }: { entry: AuditEntry; nameOf: (id: string) => string | undefined }) {
  const [all, setAll] = useState(false);
  const rows = diffSnapshots(entry.before, entry.after);
  if (!rows.length) return <p style={{ margin: 0, color: '#595959' }}>这条记录没有修改前后的内容。</p>;
  const same = rows.filter((r) => r.kind === 'same').length;
  const shown = all ? rows : rows.filter((r) => r.kind !== 'same');
  const creation = !entry.before;
  return (
    <div data-testid="audit-diff">
      <Table<FieldChange>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={shown}
        onRow={(r) => ({ style: r.kind === 'same' || creation ? undefined : { background: '#fffbe6' }, 'data-kind': r.kind }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '字段',
            dataIndex: 'key',
            render: (k: string, r) => (
              <span style={{ overflowWrap: 'anywhere' }}>
                {FIELD_LABELS[k] ?? k} {k in FIELD_LABELS && <code style={{ color: '#595959', fontSize: 12 }}>{k}</code>}
                {r.kind !== 'same' && !creation && <span style={{ color: '#873800', fontSize: 12 }}> {KIND[r.kind]}</span>}
              </span>
            ),
          },
          ...(creation ? [] : [{ title: '修改前', dataIndex: 'before', render: (v: unknown, r: FieldChange) => <Value field={r.key} value={v} nameOf={nameOf} /> }]),
          { title: creation ? '内容' : '修改后', dataIndex: 'after', render: (v: unknown, r: FieldChange) => <Value field={r.key} value={v} nameOf={nameOf} /> },
        ]}
      />
      {same > 0 && (
        <Button type="link" onClick={() => setAll(!all)} style={{ paddingInline: 0 }}>
          {all ? '只看修改的字段' : `显示未改变的 ${same} 个字段`}
        </Button>
      )}
    </div>
  );
}
