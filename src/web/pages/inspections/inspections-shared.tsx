// Shared bits of the inspection pages: status tags and the ledger timeline.
import { Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import type { OrderStatus, TimelineEntry } from './inspections-api';

const ORDER_COLOURS: Record<OrderStatus, string> = { issued: 'blue', reported: 'gold', corrected: 'green', failed: 'red', lapsed: 'red' };
const INSPECTION_COLOURS: Record<string, string> = { planned: 'default', in_progress: 'processing', completed: 'green' };

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={ORDER_COLOURS[status]} data-testid="order-status" data-status={status}>
      {t(`order.status.${status}` as MessageKey)}
    </Tag>
  );
}

export function InspectionStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={INSPECTION_COLOURS[status]} data-testid="inspection-status" data-status={status}>
      {t(`insp.status.${status}` as MessageKey)}
    </Tag>
  );
}

export function LedgerTimeline({ entries, testId }: { entries: TimelineEntry[]; testId: string }) {
  return (
    <Timeline
      data-testid={testId}
      items={entries.map((e) => ({
        key: e.seq,
        content: (
          <div data-testid="timeline-entry" data-action={e.action}>
            <Typography.Text strong>{e.action}</Typography.Text>
            {e.article ? <Tag style={{ marginInlineStart: 8 }}>§{e.article}</Tag> : null}
            <div>
              <Typography.Text type="secondary">
                {formatDateTime(e.at)} · {e.actorRole}
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}
