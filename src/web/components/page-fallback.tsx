import { Flex, Spin } from 'antd';

export function PageFallback() {
  return (
    <Flex justify="center" style={{ padding: 64 }} data-testid="page-loading">
      <Spin size="large" />
    </Flex>
  );
}
