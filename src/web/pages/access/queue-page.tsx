// 调取审批待办: pending requests that wait for this user's step — a bureau's approval (art. 26(1)(3)(4)) or the
// unit's consent (26(4)). The list API has no "waiting for me" filter, so the latest pending requests in the
// user's view are read with their evaluation and kept when the missing conditions include the user's step.
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { getAccessRequest, listAccessRequests } from '../../api/access-endpoints';
import type { AccessRequestDetail } from '../../api/access-types';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { requestButtons } from './access-logic';
import { ActionTag, Article, FreeTag, kindLabel } from './access-shared';

const CHECKED = 100;

export default function AccessQueuePage() {
  const { t, pick } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const queue = useAsync(async () => {
    const page = await listAccessRequests({ status: 'pending', pageSize: CHECKED });
    const details = await Promise.all(page.items.map((s) => getAccessRequest(s.id).catch(() => null)));
    return { total: page.total, details: details.filter((d): d is AccessRequestDetail => !!d) };
  }, []);
  const rows = (queue.data?.details ?? [])
    .map((r) => ({ r, todo: requestButtons(user, r).filter((b) => b === 'approve' || b === 'consent') }))
    .filter((x) => x.todo.length > 0);
  const others = (queue.data?.details.length ?? 0) - rows.length;

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
        {queue.data && queue.data.total > CHECKED ? <Typography.Paragraph type="warning">{t('access.queue.truncated', { n: CHECKED })}</Typography.Paragraph> : null}
        <Table
          rowKey={(x) => x.r.id}
          loading={queue.loading}
          dataSource={rows}
          scroll={{ x: 860 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
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
                    {kindLabel(t, x.r.requesterKind)} · <Article article={x.r.evaluation.basis} />
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
                  {x.r.evaluation.missing.map((m) => (
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
        {others > 0 ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            <Link to="/access/requests?status=pending">
              {t('access.queue.otherPending')}（{others}）
            </Link>
          </Typography.Paragraph>
        ) : null}
      </Card>
    </>
  );
}
