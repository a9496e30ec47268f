// Public verification of a certificate by its number (also the target of the QR code on the PDF).
// Shows only what the public register holds: company, kind, level, validity, status.
import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Input, Result, Skeleton, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { verifyCertificate } from '../../api/endpoints';
import { Announcements } from '../../components/announcements';
import { ErrorAlert } from '../../components/api-error';
import { certificateKindKey, levelKey } from '../../components/labels';
import { CertificateStatusTag } from '../../components/status-tag';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';

function StatusIcon({ status }: { status: string }) {
  if (status === 'valid') return <CheckCircleFilled style={{ color: '#389e0d', fontSize: 40 }} />;
  if (status === 'expiring') return <ExclamationCircleFilled style={{ color: '#d48806', fontSize: 40 }} />;
  return <CloseCircleFilled style={{ color: '#cf1322', fontSize: 40 }} />;
}

export default function VerifyPage() {
  const { number: param } = useParams();
  const number = param?.trim() ?? '';
  const { t } = useI18n();
  const navigate = useNavigate();
  const [input, setInput] = useState(number);
  useEffect(() => setInput(number), [number]);

  const result = useAsync(async () => (number ? verifyCertificate(number) : null), [number]);
  const notFound = result.error instanceof ApiError && result.error.status === 404;

  const go = (value: string) => {
    const v = value.trim();
    if (v) navigate(`/verify/${encodeURIComponent(v)}`);
  };

  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <Card style={{ marginBottom: 24 }}>
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Space align="center">
            <SafetyCertificateOutlined style={{ fontSize: 28, color: '#123e7c' }} />
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('verify.title')}
            </Typography.Title>
          </Space>
          <Typography.Text type="secondary">{t('verify.intro')}</Typography.Text>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              size="large"
              value={input}
              onChange={(e) => setInput(e.target.value)}
              onPressEnter={() => go(input)}
              placeholder={t('verify.placeholder')}
              aria-label={t('cert.number')}
              allowClear
              data-testid="verify-input"
            />
            <Button size="large" type="primary" onClick={() => go(input)} data-testid="verify-submit">
              {t('verify.submit')}
            </Button>
          </Space.Compact>
        </Space>
      </Card>
      {number ? null : <Announcements />}

      {number && result.loading ? <Skeleton active /> : null}
      {number && notFound ? (
        <Result status="warning" title={t('verify.notFound')} subTitle={t('verify.notFoundHelp', { number })} data-testid="verify-not-found" />
      ) : null}
      {number && !notFound && result.error ? <ErrorAlert error={result.error} /> : null}
      {result.data && !result.loading ? (
        <Card data-testid="verify-result">
          <Space align="start" size="large" style={{ marginBottom: 16 }}>
            <StatusIcon status={result.data.status} />
            <div>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="verify-company">
                {result.data.companyName}
              </Typography.Title>
              <Typography.Text type="secondary">
                {t('cert.number')}: <span data-testid="verify-number">{result.data.number}</span>
              </Typography.Text>
            </div>
          </Space>
          <Descriptions
            bordered
            column={1}
            size="middle"
            items={[
              { key: 'status', label: t('common.status'), children: <CertificateStatusTag status={result.data.status} testId="verify-status" /> },
              { key: 'kind', label: t('cert.kind'), children: <span data-testid="verify-kind">{t(certificateKindKey(result.data.kind))}</span> },
              { key: 'level', label: t('cert.level'), children: <span data-testid="verify-level" data-level={result.data.level}>{t(levelKey(result.data.level))}</span> },
              {
                key: 'validity',
                label: t('cert.validity'),
                children: (
                  <span data-testid="verify-validity">
                    {formatDate(result.data.validFrom)} ~ {formatDate(result.data.validTo)}
                  </span>
                ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            {t('verify.disclaimer')}
          </Typography.Paragraph>
        </Card>
      ) : null}
    </div>
  );
}
