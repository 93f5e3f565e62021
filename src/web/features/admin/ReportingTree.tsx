import { Empty } from 'antd';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { ReadableTag } from '../../components/ReadableTag';
import type { User } from './api';
import { reportingTree, type OrgNode } from './tree';
import { departmentName } from './vocab';

const list: CSSProperties = { listStyle: 'none', margin: 0, paddingInlineStart: 0 };
const nested: CSSProperties = { listStyle: 'none', margin: '0 0 0 11px', paddingInlineStart: 16, borderInlineStart: '1px solid #d9d9d9' };

function Node({ node, byId, root }: { node: OrgNode<User>; byId: Map<string, User>; root: boolean }) {
  const u = node.user;
  const outside = root && u.supervisorId ? byId.get(u.supervisorId) : undefined;
  return (
    <li data-testid="org-node" data-user-id={u.id}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 8, minHeight: 36, padding: '2px 0' }}>
        <Link to={`/users/${u.id}`} style={{ display: 'inline-flex', alignItems: 'center', minHeight: 36, fontWeight: node.reports.length ? 600 : 400 }}>
          {u.displayName}
        </Link>
        <span style={{ color: '#595959' }}>{u.roleName}</span>
        <span style={{ color: '#595959', fontSize: 12 }}>{u.username}</span>
        {!u.active && <ReadableTag tone="red">已停用</ReadableTag>}
        {node.reports.length > 0 && <span style={{ color: '#595959', fontSize: 12 }}>下属 {node.reports.length} 人</span>}
        {outside && (
          <span style={{ color: '#595959', fontSize: 12 }}>
            上级：{outside.displayName}（{departmentName(outside.department)}）
          </span>
        )}
      </div>
      {node.reports.length > 0 && (
        <ul style={nested}>
          {node.reports.map((r) => (
            <Node key={r.user.id} node={r} byId={byId} root={false} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** 汇报关系: supervisor → reports as an indented list, for one department or the whole company. */
export function ReportingTree({ users, department, includeInactive }: { users: User[]; department?: string; includeInactive: boolean }) {
  const roots = reportingTree(users, { department, includeInactive });
  const byId = new Map(users.map((u) => [u.id, u]));
  if (!roots.length) return <Empty description="该部门没有人员" />;
  return (
    <ul style={list} aria-label="汇报关系" data-testid="org-tree">
      {roots.map((n) => (
        <Node key={n.user.id} node={n} byId={byId} root />
      ))}
    </ul>
  );
}
