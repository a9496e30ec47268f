// 方案审核待办: the officer's queue of projects whose clock the bureau must keep (completeness,
// scheme review, acceptance decision), earliest due date first, with days left, overdue in red,
// paused clocks and provisional due dates marked; filters by status.
import { useMemo, useState } from 'react';
import { Badge, Button, Card, Flex, Input, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { projectQueue } from '../../api/projects-endpoints';
import type { ProjectSummary } from '../../api/projects-types';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../auth/session-context';
import { roleLabel } from '../../components/labels';
import { useI18n } from '../../i18n/i18n-context';
import { statusLabel } from '../../status';
import { compareQueue, filterByStatus, summaryState } from './project-logic';
import { projectActionLabel, projectStatus } from './project-labels';
import { DeadlineCell, projectColumns, projectRowProps } from './project-shared';

export default function ProjectQueuePage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const queue = useAsync(projectQueue, []);
  const [search, setSearch] = useState('');
  const statuses = params.getAll('status');

  const all = useMemo(() => [...(queue.data?.items ?? [])].sort(compareQueue), [queue.data]);
  const q = search.trim().toLowerCase();
  const rows = filterByStatus(all, statuses).filter(
    (p) => !q || p.number.toLowerCase().includes(q) || p.title.toLowerCase().includes(q) || p.site.name.toLowerCase().includes(q),
  );
  const present = useMemo(() => [...new Set(all.map((p) => p.status))], [all]);
  const counts = useMemo(() => {
    const c = { overdue: 0, near: 0, paused: 0, provisional: 0 };
    for (const p of all) {
      const s = summaryState(p);
      if (s === 'overdue') c.overdue++;
      if (s === 'near' || s === 'due_today') c.near++;
      if (s === 'paused') c.paused++;
      if (p.deadline?.provisional) c.provisional++;
    }
    return c;
  }, [all]);

  return (
    <>
      <PageTitle
        title={t('pqueue.title')}
        sub={user ? `${user.displayName} · ${user.policeUnitName ?? roleLabel(t, user.role)}` : undefined}
        extra={
          <Button icon={<ReloadOutlined />} onClick={queue.reload} data-testid="pqueue-refresh">
            {t('common.refresh')}
          </Button>
        }
      />
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic title={t('pqueue.total')} value={all.length} />
        </Card>
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic title={t('queue.overdue')} value={counts.overdue} styles={{ content: { color: counts.overdue ? '#cf1322' : undefined } }} />
        </Card>
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic title={t('queue.near')} value={counts.near} styles={{ content: { color: counts.near ? '#d46b08' : undefined } }} />
        </Card>
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic title={t('pqueue.paused')} value={counts.paused} />
        </Card>
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic title={t('pqueue.provisional')} value={counts.provisional} />
        </Card>
      </Flex>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 260 }}
            placeholder={t('queue.statusFilter')}
            value={statuses}
            onChange={(v: string[]) => {
              const p = new URLSearchParams();
              for (const s of v) p.append('status', s);
              setParams(p, { replace: true });
            }}
            data-testid="pqueue-status-filter"
            aria-label={t('queue.statusFilter')}
            options={present.map((s) => ({ value: s, label: statusLabel(projectStatus(s), lang) }))}
          />
          <Input.Search
            allowClear
            style={{ maxWidth: 280 }}
            placeholder={t('pqueue.search')}
            aria-label={t('pqueue.search')}
            onSearch={setSearch}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="pqueue-search"
          />
          <Space size={16} style={{ marginLeft: 'auto' }} wrap>
            <Badge color="#ff4d4f" text={t('queue.legendOverdue')} />
            <Badge color="#faad14" text={t('queue.legendNear')} />
            <Badge color="#722ed1" text={t('pqueue.legendPaused')} />
          </Space>
        </Flex>
        <ErrorAlert error={queue.error} />
        <Table<ProjectSummary>
          rowKey="id"
          loading={queue.loading}
          dataSource={rows}
          scroll={{ x: 960 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
          locale={{ emptyText: t('pqueue.empty') }}
          data-testid="pqueue-table"
          {...projectRowProps(navigate)}
          columns={[
            { title: t('deadline.due'), key: 'due', width: 240, render: (_: unknown, p) => <DeadlineCell p={p} /> },
            ...projectColumns(t, 'pqueue-open'),
            {
              title: t('queue.todo'),
              dataIndex: 'actions',
              render: (actions: string[]) =>
                actions.length ? (
                  <Space size={4} wrap>
                    {actions.slice(0, 3).map((a) => (
                      <Tag key={a} color="blue">
                        {projectActionLabel(t, a)}
                      </Tag>
                    ))}
                  </Space>
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
