import { Space, Tag, Tooltip } from 'antd';
import type { ApplicationSummary } from '../../api/types';
import { DueDate } from '../../components/due-date';
import { deadlineDueState, formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { applicationStatus } from '../../status';

/**
 * An application's due date as the server counted it on the legal-day calendar: working days left
 * (holidays and make-up days included there), overdue, provisional, and — on hover — the article
 * and the calendar revision it was counted on. Applications filed before deadlines existed have
 * no deadline and fall back to the calendar-day display.
 */
export function ApplicationDue({ app }: { app: Pick<ApplicationSummary, 'dueDate' | 'dueDateProvisional' | 'deadline' | 'status'> }) {
  const { t } = useI18n();
  const d = app.deadline;
  if (!d) return <DueDate dueDate={app.dueDate} status={app.status} provisional={app.dueDateProvisional} />;
  const state = deadlineDueState(d, applicationStatus(app.status).open);
  const n = d.daysLeft ?? 0;
  return (
    <Space size={4} wrap data-testid="due-date" data-due-state={state} data-due-date={d.dueDate}>
      <Tooltip title={`${d.article} · ${t('deadline.revision', { n: d.calendarRevision })}`}>
        <span>{formatDate(d.dueDate)}</span>
      </Tooltip>
      {state === 'overdue' ? <Tag color="red">{t('deadline.overdueBy', { n: -n })}</Tag> : null}
      {state === 'due_today' ? <Tag color="volcano">{t('deadline.dueToday')}</Tag> : null}
      {state === 'near' ? <Tag color="orange">{t('deadline.leftWorking', { n })}</Tag> : null}
      {d.provisional && state !== 'none' ? (
        <Tooltip title={t('deadline.provisionalHelp')}>
          <Tag variant="outlined" data-testid="due-provisional">
            {t('due.provisional')}
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}
