// Public status page of a complaint: tracking number + access code → status and the notices sent.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/api-error';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { complaintStatus, type PublicStatus } from './complaints-api';
import { AuthorityText, ComplaintStatusTag, NoticeList } from './complaints-shared';

export default function ComplaintStatusPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [data, setData] = useState<PublicStatus | null>(null);

  const onFinish = async (v: { tracking: string; code: string }) => {
    setBusy(true);
    setError(null);
    try {
      setData(await complaintStatus(v.tracking, v.code));
    } catch (e) {
      setData(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('complaints.status.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('complaints.status.intro')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={onFinish} initialValues={{ tracking: params.get('tracking') ?? '' }}>
          <Form.Item name="tracking" label={t('complaints.status.tracking')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={32} placeholder="TS-2026-XXXX-XXXX" data-testid="status-tracking" />
          </Form.Item>
          <Form.Item name="code" label={t('complaints.status.code')} rules={[{ required: true, whitespace: true }]}>
            <Input.Password maxLength={64} autoComplete="off" data-testid="status-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="status-check">
            {t('complaints.status.check')}
          </Button>
        </Form>
      </Card>
      {error instanceof ApiError && error.status === 404 ? (
        <Alert type="error" showIcon title={t('complaints.status.notFound')} data-testid="status-not-found" />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : null}
      {data ? (
        <Card data-testid="complaint-status">
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('complaints.status.tracking')}>{data.trackingNumber}</Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>
              <ComplaintStatusTag status={data.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.status.submittedOn')}>{formatDate(data.submittedOn)}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.status.authority')}>
              <AuthorityText authority={data.authority} />
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.status.ackDue')}>{formatDate(data.acknowledgeDue)}</Descriptions.Item>
            {data.handleDue ? <Descriptions.Item label={t('complaints.status.handleDue')}>{formatDate(data.handleDue)}</Descriptions.Item> : null}
          </Descriptions>
          <Typography.Title level={5}>{t('complaints.status.notices')}</Typography.Title>
          <NoticeList notices={data.notices} />
        </Card>
      ) : null}
    </div>
  );
}
