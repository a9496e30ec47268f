// An officer's work queue: the applications in the jurisdiction, earliest due date first, with
// overdue and near-due cases highlighted.
import { useMemo, useState } from 'react';
import { Badge, Button, Card, Flex, Input, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { listApplications } from '../../api/endpoints';
import type { ApplicationSummary } from '../../api/types';
import { ErrorAlert } from '../../components/api-error';
import { kindKey, levelKey, roleLabel } from '../../components/labels';
import { PageTitle } from '../../components/page-title';
import { ApplicationStatusTag } from '../../components/status-tag';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../auth/session-context';
import { applicationDueState, compareByDue, formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { APPLICATION_STATUSES, applicationStatus, statusLabel } from '../../status';
import { ApplicationDue } from '../applications/application-due';
import { filterQueue, type QueueScope } from './queue-filter';

export default function OfficerQueuePage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const apps = useAsync(listApplications, []);
  const [search, setSearch] = useState('');

  const scope = (params.get('scope') as QueueScope | null) ?? 'open';
  const statuses = params.getAll('status');
  const setFilter = (next: { scope?: QueueScope; statuses?: string[] }) => {
    const p = new URLSearchParams();
    p.set('scope', next.scope ?? scope);
    for (const s of next.statuses ?? statuses) p.append('status', s);
    setParams(p, { replace: true });
  };

  const today = new Date();
  const all = useMemo(() => [...(apps.data?.items ?? [])].sort(compareByDue), [apps.data]);
  const rows = filterQueue(all, { scope, statuses, search });
  const counts = useMemo(() => {
    let actionable = 0;
    let overdue = 0;
    let near = 0;
    for (const a of all) {
      if (a.actions.length) actionable++;
      const s = applicationDueState(a, applicationStatus(a.status).open, today);
      if (s === 'overdue') overdue++;
      if (s === 'near' || s === 'due_today') near++;
    }
    return { actionable, overdue, near };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [all]);

  return (
    <>
      <PageTitle
        title={t('queue.title')}
        sub={user ? `${user.displayName} · ${user.policeUnitName ?? roleLabel(t, user.role)}` : undefined}
        extra={
          <Button icon={<ReloadOutlined />} onClick={apps.reload} data-testid="queue-refresh">
            {t('common.refresh')}
          </Button>
        }
      />
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <Card size="small" style={{ minWidth: 160 }}>
          <Statistic title={t('queue.actionable')} value={counts.actionable} />
        </Card>
        <Card size="small" style={{ minWidth: 160 }}>
          <Statistic title={t('queue.overdue')} value={counts.overdue} styles={{ content: { color: counts.overdue ? '#cf1322' : undefined } }} />
        </Card>
        <Card size="small" style={{ minWidth: 160 }}>
          <Statistic title={t('queue.near')} value={counts.near} styles={{ content: { color: counts.near ? '#d46b08' : undefined } }} />
        </Card>
      </Flex>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <Segmented<QueueScope>
            value={scope}
            onChange={(v) => setFilter({ scope: v })}
            data-testid="queue-scope"
            options={[
              { value: 'actionable', label: t('queue.scopeActionable') },
              { value: 'open', label: t('queue.scopeOpen') },
              { value: 'all', label: t('queue.scopeAll') },
            ]}
          />
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 260 }}
            placeholder={t('queue.statusFilter')}
            value={statuses}
            onChange={(v: string[]) => setFilter({ statuses: v })}
            data-testid="queue-status-filter"
            options={APPLICATION_STATUSES.map((s) => ({ value: s, label: statusLabel(applicationStatus(s), lang) }))}
          />
          <Input.Search
            allowClear
            style={{ maxWidth: 280 }}
            placeholder={t('queue.search')}
            onSearch={setSearch}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="queue-search"
          />
          <Space size={16} style={{ marginLeft: 'auto' }}>
            <Badge color="#ff4d4f" text={t('queue.legendOverdue')} />
            <Badge color="#faad14" text={t('queue.legendNear')} />
          </Space>
        </Flex>
        <ErrorAlert error={apps.error} />
        <Table<ApplicationSummary>
          rowKey="id"
          loading={apps.loading}
          dataSource={rows}
          scroll={{ x: 960 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
          locale={{ emptyText: t('queue.empty') }}
          data-testid="queue-table"
          rowClassName={(a) => {
            const s = applicationDueState(a, applicationStatus(a.status).open, today);
            return `jf-clickable-row ${s === 'overdue' ? 'jf-row-overdue' : s === 'near' || s === 'due_today' ? 'jf-row-near' : ''}`;
          }}
          onRow={(a) => ({ onClick: () => navigate(`/applications/${encodeURIComponent(a.id)}`) })}
          columns={[
            {
              title: t('application.dueDate'),
              dataIndex: 'dueDate',
              width: 200,
              render: (_: unknown, a) => <ApplicationDue app={a} />,
            },
            {
              title: t('common.company'),
              dataIndex: 'companyName',
              render: (name: string, a) => (
                <Link
                  to={`/applications/${encodeURIComponent(a.id)}`}
                  data-testid="queue-open"
                  data-application-id={a.id}
                  onClick={(e) => e.stopPropagation()}
                >
                  {name}
                </Link>
              ),
            },
            { title: t('application.kind'), dataIndex: 'kind', render: (k: string) => t(kindKey(k)) },
            { title: t('application.targetLevel'), dataIndex: 'targetLevel', render: (l: string | null) => (l ? t(levelKey(l)) : '—') },
            { title: t('common.status'), dataIndex: 'status', render: (s: string) => <ApplicationStatusTag status={s} /> },
            { title: t('application.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('queue.todo'),
              dataIndex: 'actions',
              render: (actions: string[]) =>
                actions.length ? (
                  <Typography.Text strong style={{ color: '#123e7c' }}>
                    {t('queue.todoCount', { n: actions.length })}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
