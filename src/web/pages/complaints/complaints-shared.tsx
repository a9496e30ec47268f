// Pieces shared by the complaint pages: status tag, notice list, unit names, due dates.
import { Tag, Timeline, Typography } from 'antd';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import type { Authority, Deadline, Notice, UnitRef } from './complaints-api';

const STATUS_COLOUR: Record<string, string> = { received: 'blue', accepted: 'cyan', handling: 'gold', closed: 'green', rejected: 'default' };

export function ComplaintStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOUR[status] ?? 'default'} data-testid="complaint-status-tag" data-status={status}>
      {t(`complaints.status.${status}` as MessageKey)}
    </Tag>
  );
}

export function useUnitName() {
  const { pick } = useI18n();
  return (u: UnitRef | null) => (u ? pick(u.name, u.nameEn) : '—');
}

export function AuthorityText({ authority }: { authority: Authority }) {
  const { t } = useI18n();
  const unitName = useUnitName();
  return <>{authority.kind === 'supervision' ? t('complaints.authority.supervision') : unitName(authority.unit)}</>;
}

export function NoticeList({ notices }: { notices: Notice[] }) {
  const { t } = useI18n();
  const unitName = useUnitName();
  return (
    <Timeline
      data-testid="complaint-notices"
      items={notices.map((n) => ({
        key: `${n.at}-${n.kind}`,
        color: n.kind === 'rejected' ? 'gray' : n.kind === 'closed' ? 'green' : 'blue',
        children: (
          <div data-testid="complaint-notice" data-kind={n.kind} data-delivery={n.delivery}>
            <Typography.Text strong>{t(`complaints.notice.${n.kind}` as MessageKey, { unit: unitName(n.toUnit) })}</Typography.Text>{' '}
            <Typography.Text type="secondary">{formatDate(n.at.slice(0, 10))}</Typography.Text>
            {n.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{n.note}</div> : null}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`complaints.delivery.${n.delivery}` as MessageKey)}
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}

/** The period still running (or the last one), with days left or overdue. */
export function DueCell({ deadlines }: { deadlines: Deadline[] }) {
  const { t } = useI18n();
  const open = deadlines.filter((d) => d.status !== 'closed');
  if (open.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <>
      {open.map((d) => (
        <div key={d.id} data-testid="complaint-due">
          <span>{t(`complaints.deadline.${d.kind}` as MessageKey)} {formatDate(d.dueDate)}</span>{' '}
          {d.overdue ? (
            <Tag color="red">{t('due.overdue', { n: -(d.daysLeft ?? 0) })}</Tag>
          ) : d.daysLeft !== null && d.daysLeft <= 3 ? (
            <Tag color="orange">{t('common.daysLeft', { n: d.daysLeft })}</Tag>
          ) : null}
        </div>
      ))}
    </>
  );
}
