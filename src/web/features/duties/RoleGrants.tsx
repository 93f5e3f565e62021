import { Collapse, Empty, Flex, List, Typography } from 'antd';
import { useMemo } from 'react';
import { ReadableTag } from '../../components/ReadableTag';
import { useUrlParams } from '../../components/url-state';
import { useSession } from '../../lib/session';
import type { DutyMatrix, RoleCode } from './api';
import { SCOPE } from './vocab';

const DEPARTMENT: Record<string, string> = { market: '市场开拓部', sales: '销售部', key_account: '大客户部', management: '总经理办公室', system: '系统管理' };

interface RoleGrant {
  permission: string;
  name: string;
  scope: string;
  clauses: string[];
}

/** Every role's grants in a version of the matrix, in the matrix's order. */
export function grantsByRole(matrix: DutyMatrix): Map<RoleCode, RoleGrant[]> {
  const out = new Map<RoleCode, RoleGrant[]>(matrix.roles.map((r) => [r.code, []]));
  for (const e of matrix.items) for (const g of e.grants) out.get(g.role)?.push({ permission: e.permission, name: e.name, scope: g.scope, clauses: g.clauses });
  return out;
}

/**
 * 按岗位: each position with what it may do in this version — the permission, the scope and the
 * clauses granting it. One position open at a time (in the URL: ?role=); by default the reader's own.
 */
export function RoleGrants({ matrix }: { matrix: DutyMatrix }) {
  const session = useSession();
  const { params, update } = useUrlParams();
  const byRole = useMemo(() => grantsByRole(matrix), [matrix]);
  // '-': every panel closed (without ?role= the reader's own opens)
  const open = params.role === '-' ? undefined : (params.role ?? session.me.user.role);
  if (!matrix.roles.length) return <Empty description="该版本没有岗位授权" />;
  return (
    <Collapse
      // one open at a time, but not antd's accordion: its tablist role does not fit this markup (axe)
      activeKey={open ? [open] : []}
      onChange={(keys) => {
        const next = (Array.isArray(keys) ? keys : [keys]).find((k) => k !== open);
        update({ role: next ?? '-' }, false);
      }}
      items={matrix.roles.map((r) => {
        const grants = byRole.get(r.code) ?? [];
        return {
          key: r.code,
          styles: { header: { minHeight: 44, alignItems: 'center' } },
          label: (
            <span data-testid="role-panel" data-role={r.code}>
              <strong>{r.name}</strong>
              <span style={{ color: 'rgba(0,0,0,0.65)' }}>
                {' '}
                · {DEPARTMENT[r.department] ?? r.department} · {grants.length} 项权限
              </span>
            </span>
          ),
          children: (
            <List
              size="small"
              dataSource={grants}
              locale={{ emptyText: '无授权' }}
              renderItem={(g) => (
                <List.Item data-testid="role-grant" data-permission={g.permission} style={{ display: 'block' }}>
                  <Flex justify="space-between" gap={8} wrap>
                    <span>
                      <strong>{g.name}</strong> <Typography.Text code>{g.permission}</Typography.Text>
                    </span>
                    <span>
                      <ReadableTag tone="blue">{SCOPE[g.scope] ?? g.scope}</ReadableTag>
                      <span data-testid="grant-clauses">{g.clauses.length ? `依据 ${g.clauses.join('、')}` : '系统管理'}</span>
                    </span>
                  </Flex>
                </List.Item>
              )}
            />
          ),
        };
      })}
    />
  );
}
