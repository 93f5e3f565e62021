import { Flex, Spin } from 'antd';

export function Loading() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: 200 }} role="status" aria-label="加载中">
      <Spin />
    </Flex>
  );
}
