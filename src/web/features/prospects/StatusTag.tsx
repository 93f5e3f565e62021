import { Tag } from 'antd';
import type { Prospect } from './api';
import { STATUS_COLORS, STATUS_NAMES, TAG_TEXT } from './vocab';

export function StatusTag({ status }: { status: Prospect['status'] }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0, color: TAG_TEXT[STATUS_COLORS[status]] }}>
      {STATUS_NAMES[status]}
    </Tag>
  );
}
