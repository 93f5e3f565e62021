import { Button, Flex } from 'antd';

/**
 * Previous / next with "第 n / m 页": all a phone list needs, without antd Pagination's size changer.
 * When the total is an estimate (`exact` false) so is the page count: "第 n / 约 m 页".
 */
export function SimplePager({ page, pageSize, total, exact = true, onChange }: { page: number; pageSize: number; total: number; exact?: boolean; onChange: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }} role="navigation" aria-label="分页">
      <Button size="large" disabled={page <= 1} onClick={() => onChange(page - 1)}>
        上一页
      </Button>
      <span aria-live="polite">
        第 {page} / {exact ? '' : '约 '}{pages} 页
      </span>
      <Button size="large" disabled={page >= pages} onClick={() => onChange(page + 1)}>
        下一页
      </Button>
    </Flex>
  );
}
