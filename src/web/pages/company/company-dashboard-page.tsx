// A company's own certificates and applications.
import { Alert, Button, Card, Flex, Space, Table, Typography } from 'antd';
import { FilePdfOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { certificatePdfUrl, listApplications, listCertificates } from '../../api/endpoints';
import type { ApplicationSummary, Certificate } from '../../api/types';
import { ErrorAlert } from '../../components/api-error';
import { ApplicationDue } from '../applications/application-due';
import { actionKey, certificateKindKey, kindKey, levelKey } from '../../components/labels';
import { PageTitle } from '../../components/page-title';
import { ApplicationStatusTag, CertificateStatusTag } from '../../components/status-tag';
import { useAsync } from '../../components/use-async';
import { compareByDue, daysUntil, formatDate, formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { useSession } from '../../auth/session-context';

function ExpiryText({ cert }: { cert: Certificate }) {
  const { t } = useI18n();
  if (cert.status === 'revoked' || cert.status === 'superseded') return <Typography.Text type="secondary">—</Typography.Text>;
  const days = daysUntil(cert.validTo, new Date());
  if (days < 0) return <Typography.Text type="danger">{t('common.expiredDaysAgo', { n: -days })}</Typography.Text>;
  return (
    <Typography.Text type={days <= 30 ? 'warning' : undefined} strong={days <= 30}>
      {t('common.daysLeft', { n: days })}
    </Typography.Text>
  );
}

export default function CompanyDashboardPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const certs = useAsync(listCertificates, []);
  const apps = useAsync(listApplications, []);
  const reload = () => {
    certs.reload();
    apps.reload();
  };

  const certificates = certs.data?.items ?? [];
  const applications = [...(apps.data?.items ?? [])].sort(compareByDue);
  const expiring = certificates.filter((c) => c.status === 'expiring');

  return (
    <>
      <PageTitle
        title={t('company.title')}
        sub={user?.displayName}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('common.refresh')}
            </Button>
            <Link to="/company/apply">
              <Button type="primary" icon={<PlusOutlined />} data-testid="new-application">
                {t('company.newApplication')}
              </Button>
            </Link>
          </>
        }
      />
      {expiring.map((c) => (
        <Alert
          key={c.id}
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('company.expiringAlert', { number: c.number, date: formatDate(c.validTo) })}
          description={t('company.expiringHint')}
          action={
            <Link to={`/company/apply?kind=renewal&certificateId=${encodeURIComponent(c.id)}`}>
              <Button size="small">{t('company.renew')}</Button>
            </Link>
          }
        />
      ))}

      <Card title={t('company.certificates')} style={{ marginBottom: 24 }}>
        <ErrorAlert error={certs.error} />
        <Table<Certificate>
          rowKey="id"
          loading={certs.loading}
          dataSource={certificates}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('company.noCertificates') }}
          columns={[
            {
              title: t('cert.number'),
              dataIndex: 'number',
              render: (n: string, c) => (
                <Link to={`/verify/${encodeURIComponent(n)}`} data-testid="certificate-number" data-cert-id={c.id}>
                  {n}
                </Link>
              ),
            },
            { title: t('cert.kind'), dataIndex: 'kind', render: (k: string) => t(certificateKindKey(k)) },
            { title: t('cert.level'), dataIndex: 'level', render: (l: string) => t(levelKey(l)) },
            { title: t('cert.scope'), dataIndex: 'businessScope', ellipsis: true },
            {
              title: t('cert.validity'),
              key: 'validity',
              render: (_: unknown, c) => `${formatDate(c.validFrom)} ~ ${formatDate(c.validTo)}`,
            },
            { title: t('common.status'), dataIndex: 'status', render: (s: string) => <CertificateStatusTag status={s} testId="certificate-status" /> },
            { title: t('cert.expiry'), key: 'expiry', render: (_: unknown, c) => <ExpiryText cert={c} /> },
            {
              title: t('common.actions'),
              key: 'pdf',
              render: (_: unknown, c) => (
                <a href={certificatePdfUrl(c.id)} download={`${c.number}.pdf`} data-testid="certificate-pdf">
                  <Space size={4}>
                    <FilePdfOutlined />
                    {t('cert.downloadPdf')}
                  </Space>
                </a>
              ),
            },
          ]}
        />
      </Card>

      <Card title={t('company.applications')}>
        <ErrorAlert error={apps.error} />
        <Table<ApplicationSummary>
          rowKey="id"
          loading={apps.loading}
          dataSource={applications}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          locale={{ emptyText: t('company.noApplications') }}
          rowClassName={() => 'jf-clickable-row'}
          onRow={(a) => ({ onClick: () => navigate(`/applications/${encodeURIComponent(a.id)}`) })}
          columns={[
            {
              title: t('application.kind'),
              dataIndex: 'kind',
              render: (k: string, a) => (
                <Link to={`/applications/${encodeURIComponent(a.id)}`} data-testid="application-link" data-application-id={a.id}>
                  {t(kindKey(k))}
                </Link>
              ),
            },
            { title: t('application.targetLevel'), dataIndex: 'targetLevel', render: (l: string | null) => (l ? t(levelKey(l)) : '—') },
            { title: t('common.status'), dataIndex: 'status', render: (s: string) => <ApplicationStatusTag status={s} testId="application-status" /> },
            { title: t('application.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => formatDateTime(v) },
            // As the officers see it: working days left on the legal-day calendar, overdue, provisional.
            { title: t('application.dueDate'), dataIndex: 'dueDate', render: (_: unknown, a) => <ApplicationDue app={a} /> },
            {
              title: t('application.pending'),
              dataIndex: 'actions',
              render: (actions: string[]) =>
                actions.length ? (
                  <Flex gap={4} wrap>
                    {actions.map((a) => (
                      <Typography.Text key={a} type="warning">
                        {t(actionKey(a))}
                      </Typography.Text>
                    ))}
                  </Flex>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
