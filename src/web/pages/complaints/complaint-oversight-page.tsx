// The supervisory organ's view (art. 39): complaints about officials, and per bureau the complaints
// not acted on or handled late, each with the ledger entries behind it.
import { Card, Collapse, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate, formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import { complaintOversight, type OversightItem } from './complaints-api';
import { ComplaintStatusTag, DueCell, useUnitName } from './complaints-shared';

function Items({ items }: { items: OversightItem[] }) {
  const { t } = useI18n();
  if (items.length === 0) return <Typography.Text type="secondary">{t('complaints.oversight.none')}</Typography.Text>;
  return (
    <Table<OversightItem>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={false}
      scroll={{ x: true }}
      expandable={{
        expandedRowRender: (i) => (
          <Table
            rowKey="seq"
            size="small"
            pagination={false}
            title={() => t('complaints.oversight.ledger')}
            dataSource={i.ledger}
            columns={[
              { title: '#', dataIndex: 'seq' },
              { title: 'at', key: 'at', render: (_, e) => formatDateTime(e.at) },
              { title: t('common.actions'), dataIndex: 'action' },
              { title: 'role', dataIndex: 'actorRole' },
              { title: 'art.', dataIndex: 'article' },
              { title: 'hash', key: 'h', render: (_, e) => <Typography.Text code>{e.entryHash.slice(0, 12)}…</Typography.Text> },
            ]}
          />
        ),
      }}
      columns={[
        { title: t('complaints.queue.tracking'), key: 'n', render: (_, i) => (i.queue === 'supervision' ? <Link to={`/complaints/${i.id}`}>{i.trackingNumber}</Link> : i.trackingNumber) },
        { title: t('complaints.queue.subject'), dataIndex: 'subjectName' },
        { title: t('common.status'), key: 's', render: (_, i) => <ComplaintStatusTag status={i.status} /> },
        {
          title: t('complaints.queue.due'),
          key: 'f',
          render: (_, i) => (
            <Space orientation="vertical" size={2}>
              {i.findings.map((f) => (
                <Tag key={f.deadlineKind + f.kind} color={f.kind === 'overdue' ? 'red' : 'orange'}>
                  {t(`complaints.deadline.${f.deadlineKind}` as MessageKey)} · {t(f.kind === 'overdue' ? 'complaints.oversight.overdue' : 'complaints.oversight.late')} · {formatDate(f.dueDate)}
                </Tag>
              ))}
              {i.findings.length === 0 ? <DueCell deadlines={i.deadlines} /> : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

export default function ComplaintOversightPage() {
  const { t } = useI18n();
  const unitName = useUnitName();
  const view = useAsync(complaintOversight, []);
  return (
    <div>
      <PageTitle title={t('complaints.oversight.title')} sub={t('complaints.oversight.intro')} />
      {view.error ? <ErrorAlert error={view.error} /> : null}
      <Card title={t('complaints.oversight.officials')} loading={view.loading} style={{ marginBottom: 16 }} data-testid="oversight-officials">
        <Items items={view.data?.aboutOfficials ?? []} />
      </Card>
      <Card title={t('complaints.oversight.bureaus')} loading={view.loading} data-testid="oversight-bureaus">
        {view.data && view.data.bureaus.length === 0 ? <Empty description={t('complaints.oversight.none')} /> : null}
        <Collapse
          items={(view.data?.bureaus ?? []).map((b) => ({
            key: b.unit.id,
            label: (
              <Space>
                {unitName(b.unit)}
                <Tag color="red">{b.items.length}</Tag>
              </Space>
            ),
            children: <Items items={b.items} />,
          }))}
        />
      </Card>
    </div>
  );
}
