import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

/** Title, an optional back button and the page's actions (Ant Design Pro's PageHeader, simplified). */
export function PageHeader({ title, subTitle, extra, back, tags }: { title: ReactNode; subTitle?: ReactNode; extra?: ReactNode; back?: boolean; tags?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        {back && <Button type="text" aria-label="返回" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ minWidth: 44, minHeight: 44 }} />}
        <div style={{ minWidth: 0 }}>
          <h1 style={{ margin: 0, fontSize: 20, fontWeight: 600, lineHeight: 1.4 }}>
            {title} {tags}
          </h1>
          {subTitle && <div style={{ color: 'rgba(0,0,0,0.65)' }}>{subTitle}</div>}
        </div>
      </Flex>
      {extra}
    </Flex>
  );
}
