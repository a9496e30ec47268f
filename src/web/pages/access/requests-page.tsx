// 信息调取: the access requests in the caller's view (their own, their unit's, their jurisdiction's), newest first,
// filtered by status and requester; a new request from here.
import { Button, Card, Flex, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { listAccessRequests } from '../../api/access-endpoints';
import { REQUESTER_KINDS, type AccessRequestSummary, type RequestStatus, type RequesterKind } from '../../api/access-types';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { AccessStatusTag, ActionTag, FreeTag, kindLabel } from './access-shared';

const STATUSES: RequestStatus[] = ['pending', 'granted', 'refused'];
/** Who may open the form (the server decides the row of art. 26 from the account). */
export const REQUESTER_ROLES = ['province_officer', 'city_officer', 'county_officer', 'unit_user', 'department_user'] as const;

export default function AccessRequestsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as RequestStatus) : undefined;
  const kind = (REQUESTER_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as RequesterKind) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useAsync(() => listAccessRequests({ status, requesterKind: kind, page, pageSize: 20 }), [status, kind, page]);
  const mayRequest = !!user && (REQUESTER_ROLES as readonly string[]).includes(user.role);

  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    if (k !== 'page') p.delete('page');
    setParams(p, { replace: true });
  };

  return (
    <>
      <PageTitle
        title={t('access.requests.title')}
        sub={t('access.requests.sub')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              {t('common.refresh')}
            </Button>
            {mayRequest ? (
              <Link to="/access/requests/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="access-new-request">
                  {t('access.requests.new')}
                </Button>
              </Link>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            style={{ minWidth: 180 }}
            placeholder={t('access.requests.statusFilter')}
            aria-label={t('access.requests.statusFilter')}
            value={status}
            onChange={(v: string | undefined) => set('status', v)}
            options={STATUSES.map((s) => ({ value: s, label: t(`access.status.${s}`) }))}
            data-testid="access-requests-status"
          />
          <Select
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('access.requests.kindFilter')}
            aria-label={t('access.requests.kindFilter')}
            value={kind}
            onChange={(v: string | undefined) => set('kind', v)}
            options={REQUESTER_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
          />
        </Flex>
        <ErrorAlert error={list.error} />
        <Table<AccessRequestSummary>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('access.requests.empty') }}
          data-testid="access-requests-table"
          rowClassName={() => 'jf-clickable-row'}
          onRow={(r) => ({ onClick: () => navigate(`/access/requests/${encodeURIComponent(r.id)}`) })}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p) => set('page', p > 1 ? String(p) : undefined),
          }}
          columns={[
            {
              title: t('access.col.created'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string, r) => (
                <Link to={`/access/requests/${encodeURIComponent(r.id)}`} onClick={(e) => e.stopPropagation()} data-testid="access-request-open" data-request-id={r.id}>
                  {formatDateTime(v)}
                </Link>
              ),
            },
            {
              title: t('access.col.organisation'),
              dataIndex: 'organisation',
              render: (o: string, r) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text>{o}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {kindLabel(t, r.requesterKind)}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('access.col.action'), dataIndex: 'action', width: 90, render: (a: string) => <ActionTag action={a} /> },
            {
              title: t('access.col.window'),
              key: 'window',
              width: 190,
              render: (_: unknown, r) => (
                <Typography.Text style={{ fontSize: 12 }}>
                  {formatDateTime(r.windowFrom)}
                  <br />
                  {formatDateTime(r.windowTo)}
                </Typography.Text>
              ),
            },
            { title: t('access.col.purpose'), dataIndex: 'purpose', ellipsis: true },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 170,
              render: (s: string, r) => (
                <Space size={4} wrap>
                  <AccessStatusTag status={s} />
                  <FreeTag free={r.freeOfCharge} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
