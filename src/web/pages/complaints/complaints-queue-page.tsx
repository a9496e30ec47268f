// The complaint queue: officers see their jurisdiction's complaints (their bureau's first by due
// date); the supervisory organ sees complaints about officials. Cards on a phone, a table otherwise.
import { useState } from 'react';
import { Card, Checkbox, Empty, Grid, List, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import { listComplaints, type ComplaintSummary } from './complaints-api';
import { AuthorityText, ComplaintStatusTag, DueCell } from './complaints-shared';

const STATUSES = ['received', 'accepted', 'handling', 'closed', 'rejected'] as const;

export default function ComplaintsQueuePage() {
  const { t } = useI18n();
  const { state } = useSession();
  const supervisor = state.user?.role === 'supervisor';
  const screens = Grid.useBreakpoint();
  const [status, setStatus] = useState<string>();
  const [mine, setMine] = useState(!supervisor);
  const list = useAsync(() => listComplaints({ status, ...(mine && !supervisor ? { mine: 'true' as const } : {}) }), [status, mine, supervisor]);
  const items = list.data?.items ?? [];

  const kindTags = (c: ComplaintSummary) => (
    <Space size={4} wrap>
      <Tag>{t(`complaints.kind.${c.kind}` as MessageKey)}</Tag>
      <Tag color={c.anonymous ? 'default' : 'purple'}>{t(c.anonymous ? 'complaints.queue.anonymous' : 'complaints.queue.named')}</Tag>
    </Space>
  );

  return (
    <div>
      <PageTitle
        title={t(supervisor ? 'complaints.queue.supervisionTitle' : 'complaints.queue.title')}
        extra={
          <Space wrap>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('common.status')}
              value={status}
              onChange={setStatus}
              options={STATUSES.map((s) => ({ value: s, label: t(`complaints.status.${s}` as MessageKey) }))}
            />
            {supervisor ? null : (
              <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="complaints-mine">
                {t('complaints.queue.mine')}
              </Checkbox>
            )}
          </Space>
        }
      />
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {screens.md ? (
        <Table<ComplaintSummary>
          rowKey="id"
          onRow={(c) => ({ 'data-testid': 'complaints-row', 'data-tracking': c.trackingNumber }) as object}
          loading={list.loading}
          dataSource={items}
          data-testid="complaints-table"
          locale={{ emptyText: <Empty description={t('complaints.queue.empty')} /> }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('complaints.queue.tracking'), key: 'n', render: (_, c) => <Link to={`/complaints/${c.id}`} data-testid="complaints-open" data-tracking={c.trackingNumber}>{c.trackingNumber}</Link> },
            { title: t('complaints.queue.subject'), key: 's', render: (_, c) => <><div>{c.subjectName}</div>{kindTags(c)}</> },
            { title: t('complaints.queue.division'), dataIndex: 'divisionCode' },
            { title: t('complaints.queue.authority'), key: 'a', render: (_, c) => <AuthorityText authority={c.authority} /> },
            { title: t('common.status'), key: 'st', render: (_, c) => <ComplaintStatusTag status={c.status} /> },
            { title: t('complaints.status.submittedOn'), key: 'on', render: (_, c) => formatDate(c.submittedOn) },
            { title: t('complaints.queue.due'), key: 'due', render: (_, c) => <DueCell deadlines={c.deadlines} /> },
          ]}
        />
      ) : (
        <List<ComplaintSummary>
          loading={list.loading}
          dataSource={items}
          locale={{ emptyText: <Empty description={t('complaints.queue.empty')} /> }}
          renderItem={(c) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="complaints-row" data-tracking={c.trackingNumber}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Link to={`/complaints/${c.id}`} data-testid="complaints-open" data-tracking={c.trackingNumber}>
                    {c.trackingNumber}
                  </Link>
                  <ComplaintStatusTag status={c.status} />
                </Space>
                <Typography.Text>{c.subjectName}</Typography.Text>
                {kindTags(c)}
                <DueCell deadlines={c.deadlines} />
              </Space>
            </Card>
          )}
        />
      )}
    </div>
  );
}
