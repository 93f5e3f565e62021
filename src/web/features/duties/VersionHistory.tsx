import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import type { DutyVersion } from './api';
import { effectiveText, VersionStateTag } from './vocab';

/** 历史版本: every approved version, newest first — what it was about, from when, who approved it. */
export function VersionHistory({ versions, current }: { versions: DutyVersion[]; current: number | undefined }) {
  if (!versions.length) return <Empty description="暂无版本" />;
  return (
    <ul aria-label="历史版本" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {versions.map((v) => (
        <li key={v.version} data-testid="duty-version" data-version={v.version} style={{ marginBottom: 8 }}>
          <Card size="small" styles={{ body: { padding: 0 } }}>
            <Link
              to={`/duties?version=${v.version}`}
              aria-current={v.version === current ? 'page' : undefined}
              style={{ display: 'flex', alignItems: 'center', gap: 8, padding: 12, minHeight: 44, color: 'inherit' }}
            >
              <div style={{ flex: 1, minWidth: 0 }}>
                <Flex gap={8} align="center" wrap>
                  <strong>第 {v.version} 版</strong>
                  <VersionStateTag v={v} />
                  <span>{v.title}</span>
                </Flex>
                <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13, marginTop: 4 }}>
                  {effectiveText(v)}
                  {v.approvedByName ? ` · ${v.approvedByName} 于 ${formatDateTime(v.approvedAt)} 批准` : ''}
                </div>
              </div>
              <RightOutlined aria-hidden style={{ color: '#8c8c8c' }} />
            </Link>
          </Card>
        </li>
      ))}
    </ul>
  );
}
