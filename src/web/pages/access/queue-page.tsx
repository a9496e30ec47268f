// 调取审批待办: pending requests that wait for this user's step — a bureau's approval that would count (art.
// 26(1)(3)(4)) or the unit's consent (26(4)). The server decides (`GET /api/access/requests?waitingFor=me`); each
// item carries the user's steps, the paragraph of art. 26 and what is still missing.
import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { listAccessRequests } from '../../api/access-endpoints';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { awaitedSteps } from './access-logic';
import { ActionTag, Article, FreeTag, kindLabel } from './access-shared';

const PAGE_SIZE = 20;
/** How many pending requests the server scans for the queue (requests.actions.ts WAITING_SCAN). */
const SCANNED = 500;

export default function AccessQueuePage() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const queue = useAsync(() => listAccessRequests({ waitingFor: 'me', page, pageSize: PAGE_SIZE }), [page]);
  const rows = (queue.data?.items ?? []).map((r) => ({ r, todo: awaitedSteps(r.actions) }));

  return (
    <>
      <PageTitle
        title={t('access.queue.title')}
        sub={t('access.queue.sub')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={queue.reload} data-testid="access-queue-refresh">
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        <ErrorAlert error={queue.error} />
        {queue.data?.truncated ? <Typography.Paragraph type="warning">{t('access.queue.truncated', { n: SCANNED })}</Typography.Paragraph> : null}
        <Table
          rowKey={(x) => x.r.id}
          loading={queue.loading}
          dataSource={rows}
          scroll={{ x: 860 }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: queue.data?.total ?? 0, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }), onChange: setPage }}
          locale={{ emptyText: t('access.queue.empty') }}
          data-testid="access-queue-table"
          rowClassName={() => 'jf-clickable-row'}
          onRow={(x) => ({ onClick: () => navigate(`/access/requests/${encodeURIComponent(x.r.id)}`) })}
          columns={[
            {
              title: t('access.col.created'),
              key: 'created',
              width: 150,
              render: (_: unknown, x) => (
                <Link
                  to={`/access/requests/${encodeURIComponent(x.r.id)}`}
                  onClick={(e) => e.stopPropagation()}
                  data-testid="access-queue-open"
                  data-request-id={x.r.id}
                >
                  {formatDateTime(x.r.createdAt)}
                </Link>
              ),
            },
            {
              title: t('access.col.organisation'),
              key: 'org',
              render: (_: unknown, x) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text>{x.r.organisation}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {kindLabel(t, x.r.requesterKind)}
                    {x.r.basis ? (
                      <>
                        {' · '}
                        <Article article={x.r.basis} />
                      </>
                    ) : null}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('access.col.action'),
              key: 'action',
              width: 150,
              render: (_: unknown, x) => (
                <Space size={4} wrap>
                  <ActionTag action={x.r.action} />
                  <FreeTag free={x.r.freeOfCharge} />
                </Space>
              ),
            },
            {
              title: t('access.detail.missing'),
              key: 'missing',
              render: (_: unknown, x) => (
                <Space orientation="vertical" size={2}>
                  {(x.r.missing ?? []).map((m) => (
                    <Typography.Text key={m.code} style={{ fontSize: 12 }}>
                      {pick(m.zh, m.en)} <Article article={m.article} />
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
            {
              title: t('access.queue.waiting'),
              key: 'todo',
              width: 120,
              render: (_: unknown, x) => (
                <Space size={4} wrap>
                  {x.todo.map((b) => (
                    <Tag key={b} color="blue">
                      {t(b === 'approve' ? 'access.queue.todo.approve' : 'access.queue.todo.consent')}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          <Link to="/access/requests?status=pending">{t('access.queue.otherPending')}</Link>
        </Typography.Paragraph>
      </Card>
    </>
  );
}
