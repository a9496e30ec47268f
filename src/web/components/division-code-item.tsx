// The six-digit administrative division code field (GB/T 2260) of the admin and calendar forms.
import type { ReactNode } from 'react';
import { Form, Input } from 'antd';
import { useI18n } from '../i18n/i18n-context';

export function DivisionCodeItem({ extra, testId }: { extra?: ReactNode; testId: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="divisionCode" label={t('calendar.division')} extra={extra} rules={[{ required: true, pattern: /^\d{6}$/, message: t('calendar.divisionPattern') }]}>
      <Input maxLength={6} style={{ width: 140 }} data-testid={testId} />
    </Form.Item>
  );
}
