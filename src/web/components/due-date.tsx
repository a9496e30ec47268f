import { Space, Tag, Tooltip, Typography } from 'antd';
import { daysUntil, dueState, formatDate } from '../dates';
import { useI18n } from '../i18n/i18n-context';
import { applicationStatus } from '../status';

/**
 * A stored due date with how far away it is, coloured once it is near or past; only while the case
 * is open. Deadlines the server counts (working days on the legal-day calendar) are shown by
 * `ApplicationDue` from their `deadline`; this is its fallback for a date stored before deadlines
 * existed, so the days here are plain days to that date, and the provisional tag's help says how
 * deadlines are counted now.
 */
export function DueDate({ dueDate, status, provisional }: { dueDate: string | null; status: string; provisional?: boolean }) {
  const { t } = useI18n();
  const today = new Date();
  const state = dueState(dueDate, applicationStatus(status).open, today);
  if (!dueDate) return <Typography.Text type="secondary">—</Typography.Text>;
  const days = daysUntil(dueDate, today);
  return (
    <Space size={4} wrap data-testid="due-date" data-due-state={state}>
      <span>{formatDate(dueDate)}</span>
      {state === 'overdue' ? <Tag color="red">{t('due.overdue', { n: -days })}</Tag> : null}
      {state === 'due_today' ? <Tag color="volcano">{t('due.today')}</Tag> : null}
      {state === 'near' ? <Tag color="orange">{t('common.daysLeft', { n: days })}</Tag> : null}
      {provisional && state !== 'none' ? (
        <Tooltip title={t('due.provisionalHelp')}>
          <Tag variant="outlined" data-testid="due-provisional">
            {t('due.provisional')}
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}
