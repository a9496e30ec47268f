// Footage retention watchdog (art. 20): cameras whose footage falls below 30/90 days and cameras
// that stopped reporting, in the caller's reach.
import { useState } from 'react';
import { Button, Card, Flex, Statistic, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { HTMLAttributes } from 'react';
import { fetchRetentionAlerts } from '../../api/endpoints';
import type { RetentionAlert } from '../../api/types';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { RetentionStateTag } from './registry-shared';

export default function RetentionPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const alerts = useAsync(() => fetchRetentionAlerts({ status, ...page }), [status, page.page, page.pageSize]);
  // The counts per problem, whatever the status filter shows.
  const counts = useAsync(async () => {
    const [below, stale, never] = await Promise.all(
      (['below_minimum', 'stale', 'never_reported'] as const).map((s) => fetchRetentionAlerts({ status: s, page: 1, pageSize: 1 })),
    );
    return { below: below.total ?? 0, stale: stale.total ?? 0, never: never.total ?? 0 };
  }, []);
  const rows = alerts.data?.items ?? [];
  const below = counts.data?.below ?? 0;
  const stale = counts.data?.stale ?? 0;
  const never = counts.data?.never ?? 0;
  const pick = (s: string) => () => {
    setStatus((cur) => (cur === s ? undefined : s));
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <>
      <PageTitle
        title={t('retention.title')}
        sub={t('retention.intro')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => { alerts.reload(); counts.reload(); }} data-testid="retention-refresh">
            {t('common.refresh')}
          </Button>
        }
      />
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        {(
          [
            ['below_minimum', t('retention.belowCount'), below, '#cf1322'],
            ['stale', t('retention.staleCount'), stale, '#d46b08'],
            ['never_reported', t('retention.neverCount'), never, '#d48806'],
          ] as const
        ).map(([key, title, n, colour]) => (
          <Card
            key={key}
            size="small"
            hoverable
            style={{ minWidth: 160, borderColor: status === key ? '#123e7c' : undefined }}
            onClick={pick(key)}
            data-testid={`retention-count-${key}`}
          >
            <Statistic title={title} value={n} loading={counts.loading} styles={{ content: { color: n ? colour : undefined } }} />
          </Card>
        ))}
      </Flex>
      <Card>
        <ErrorAlert error={alerts.error} />
        <Table<RetentionAlert>
          rowKey="deviceId"
          loading={alerts.loading}
          dataSource={rows}
          scroll={{ x: 900 }}
          data-testid="retention-table"
          locale={{ emptyText: t('retention.empty') }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: alerts.data?.total ?? 0,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, pageSize) => setPage({ page: p, pageSize }),
          }}
          onRow={(r) => ({ 'data-testid': 'retention-alert', 'data-status': r.status, 'data-device-code': r.deviceCode ?? '' }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('retention.reason'), dataIndex: 'status', width: 140, render: (r: string) => <RetentionStateTag state={r} /> },
            { title: t('device.code'), dataIndex: 'deviceCode', width: 210, render: (c: string | null, r) => c ?? r.deviceName ?? r.deviceId },
            { title: t('device.name'), dataIndex: 'deviceName', render: (n: string | undefined) => n ?? '—' },
            {
              title: t('finding.site'),
              dataIndex: 'siteName',
              render: (n: string | undefined, r) => (
                <Flex vertical gap={0}>
                  <Link to={`/registry/sites/${encodeURIComponent(r.siteId)}`}>{n ?? r.siteId}</Link>
                  {r.divisionName ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.divisionName}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            { title: t('retention.recordingDays'), dataIndex: 'recordingDays', width: 120, render: (n: number | null | undefined) => (n == null ? '—' : t('common.nDays', { n })) },
            { title: t('retention.minimumDays'), dataIndex: 'requiredDays', width: 110, render: (n: number | undefined) => (n == null ? '—' : t('common.nDays', { n })) },
            { title: t('retention.lastReport'), dataIndex: 'lastReportAt', width: 160, render: (v: string | null | undefined) => formatDateTime(v) },
          ]}
        />
      </Card>
    </>
  );
}
