// 整改通知: the unit's rectification inbox, or the orders of an officer's area and bureau.
import { Button, Card, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../auth/session-context';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import { listOrders, type OrderStatus, type OrderSummary } from './inspections-api';
import { OrderStatusTag } from './inspections-shared';

const STATUSES: OrderStatus[] = ['issued', 'reported', 'corrected', 'failed', 'lapsed'];

export default function OrdersPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { user } = useSession();
  const unit = user?.role === 'unit_user';
  const [status, setStatus] = useState<OrderStatus | undefined>();
  const orders = useAsync(() => listOrders(status ? { status } : {}), [status]);
  return (
    <>
      <PageTitle title={unit ? t('order.inboxTitle') : t('order.title')} sub={unit ? t('order.inboxIntro') : t('order.intro')} />
      <Card>
        <Select
          allowClear
          style={{ minWidth: 180, marginBottom: 12 }}
          placeholder={t('insp.status')}
          value={status}
          onChange={setStatus}
          data-testid="orders-status-filter"
          options={STATUSES.map((s) => ({ value: s, label: t(`order.status.${s}` as MessageKey) }))}
        />
        <ErrorAlert error={orders.error} />
        <Table<OrderSummary>
          rowKey="id"
          size="small"
          loading={orders.loading}
          dataSource={orders.data?.items ?? []}
          scroll={{ x: 720 }}
          data-testid="orders-table"
          locale={{ emptyText: t('order.empty') }}
          onRow={(r) => ({ 'data-testid': 'order-row', 'data-number': r.number, 'data-status': r.status } as object)}
          columns={[
            { title: t('order.number'), dataIndex: 'displayNumber', width: 220 },
            { title: t('order.site'), key: 'site', render: (_: unknown, r) => r.site.name },
            { title: t('order.items'), key: 'items', render: (_: unknown, r) => r.items.map((i) => <Tag key={i.item}>§{i.article}</Tag>) },
            { title: t('order.issuedOn'), dataIndex: 'issuedOn', width: 110, render: (v: string) => formatDate(v) },
            { title: t('order.due'), dataIndex: 'dueDate', width: 110, render: (v: string) => formatDate(v) },
            { title: t('insp.status'), key: 'status', width: 150, render: (_: unknown, r) => <OrderStatusTag status={r.status} /> },
            {
              title: '',
              key: 'open',
              width: 80,
              render: (_: unknown, r) => (
                <Button size="small" type="link" onClick={() => navigate(`/rectification-orders/${r.id}`)} data-testid="order-open">
                  {t('insp.open')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
