// The legal-day calendar (行政许可法 art. 82; Civil Code arts. 201, 203): the years with their
// status (official / revised / provisional), proposals of a new arrangement and their four-eyes
// approval by another provincial administrator, and a due-date calculator.
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Popconfirm, Radio, Space, Table, Tabs, Tag, Typography } from 'antd';
import { CalculatorOutlined, CheckOutlined, CloseOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { approveRevision, computeDue, listCalendarYears, listRevisions, proposeRevision, rejectRevision } from '../../api/projects-endpoints';
import type { CalendarRevision, CalendarYearSummary, DayKind, DueResult, RevisionStatus } from '../../api/projects-types';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { DivisionCodeItem } from '../../components/division-code-item';
import { ModalForm, useSubmit } from '../../components/modal-form';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../auth/session-context';
import { formatDate, formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import { PROVINCE_DIVISION, checkArrangement, parseDateList, type ArrangementProblem } from './calendar-logic';

const YEAR_STATUS_COLOUR: Record<string, string> = { official: 'green', revised: 'blue', provisional: 'gold' };
const REVISION_STATUS_COLOUR: Record<string, string> = { proposed: 'processing', approved: 'success', rejected: 'error' };

export function YearStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={YEAR_STATUS_COLOUR[status] ?? 'default'} data-testid="year-status" data-status={status}>
      {t(`calendar.status.${status}` as MessageKey)}
    </Tag>
  );
}

export default function CalendarPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const { user } = useSession();
  const province = user?.role === 'province_officer';
  const tab = params.get('tab') ?? 'years';
  const setTab = (k: string) => setParams({ tab: k }, { replace: true });

  return (
    <>
      <PageTitle title={t('calendar.title')} sub={t('calendar.intro')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'years', label: t('calendar.tabYears'), children: <YearsTab /> },
            ...(province ? [{ key: 'revisions', label: t('calendar.tabRevisions'), children: <RevisionsTab /> }] : []),
            { key: 'due', label: t('calendar.tabDue'), children: <DueCalculator /> },
          ]}
        />
      </Card>
    </>
  );
}

function YearsTab() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const years = useAsync(listCalendarYears, []);
  const rows = [...(years.data ?? [])].sort((a, b) => b.year - a.year);
  return (
    <>
      <ErrorAlert error={years.error} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('calendar.provisionalHelp')} />
      <Table<CalendarYearSummary>
        rowKey="year"
        size="small"
        loading={years.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 560 }}
        data-testid="calendar-years"
        rowClassName={() => 'jf-clickable-row'}
        onRow={(y) => ({ onClick: () => navigate(`/calendar/${y.year}`) })}
        columns={[
          {
            title: t('calendar.year'),
            dataIndex: 'year',
            render: (y: number) => (
              <Link to={`/calendar/${y}`} onClick={(e) => e.stopPropagation()} data-testid={`calendar-year-${y}`}>
                {y}
              </Link>
            ),
          },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <YearStatusTag status={s} /> },
          { title: t('calendar.revision'), dataIndex: 'revision', render: (r: number | null) => (r === null ? t('calendar.shipped') : `#${r}`) },
          { title: t('calendar.source'), dataIndex: 'source', render: (s: string | null) => s ?? '—' },
        ]}
      />
    </>
  );
}

function RevisionsTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { user } = useSession();
  const [status, setStatus] = useState<RevisionStatus | 'all'>('proposed');
  const revisions = useAsync(() => listRevisions(status === 'all' ? undefined : status), [status]);
  const [proposing, setProposing] = useState(false);
  const [rejecting, setRejecting] = useState<CalendarRevision | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [fourEyes, setFourEyes] = useState<unknown>(null);

  const approve = async (r: CalendarRevision) => {
    setBusy(r.id);
    setFourEyes(null);
    try {
      const res = await approveRevision(r.id);
      void message.success(t('calendar.approved', { revision: res.revision, checked: res.recomputed.checked, changed: res.recomputed.changed }), 8);
      revisions.reload();
    } catch (err) {
      // The four-eyes refusal (CALENDAR_FOUR_EYES) stays on the page, not just in a toast.
      setFourEyes(err);
      notifyError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Radio.Group
          value={status}
          onChange={(e) => setStatus(e.target.value as RevisionStatus | 'all')}
          optionType="button"
          data-testid="revision-status-filter"
          options={(['proposed', 'approved', 'rejected', 'all'] as const).map((s) => ({ value: s, label: t(`calendar.revisionStatus.${s}` as MessageKey) }))}
        />
        <Button icon={<ReloadOutlined />} onClick={revisions.reload}>
          {t('common.refresh')}
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="calendar-propose">
          {t('calendar.propose')}
        </Button>
      </Space>
      <ErrorAlert error={revisions.error} />
      <ErrorAlert error={fourEyes} testId="calendar-approve-error" />
      <Table<CalendarRevision>
        rowKey="id"
        size="small"
        loading={revisions.loading}
        dataSource={revisions.data?.items ?? []}
        scroll={{ x: 900 }}
        data-testid="calendar-revisions"
        locale={{ emptyText: t('calendar.noRevisions') }}
        expandable={{
          expandedRowRender: (r) => (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'off', label: t('calendar.off'), children: r.off.join('、') || '—' },
                { key: 'work', label: t('calendar.work'), children: r.work.join('、') || '—' },
                ...(r.note ? [{ key: 'note', label: t('calendar.note'), children: r.note }] : []),
                ...(r.decisionReason ? [{ key: 'reason', label: t('calendar.rejectReason'), children: r.decisionReason }] : []),
              ]}
            />
          ),
        }}
        columns={[
          { title: t('calendar.year'), dataIndex: 'year', width: 80 },
          { title: t('calendar.division'), dataIndex: 'divisionCode', render: (d: string) => (d === PROVINCE_DIVISION ? t('calendar.provinceWide') : d) },
          { title: t('calendar.counts'), key: 'counts', render: (_: unknown, r) => t('calendar.countsText', { off: r.off.length, work: r.work.length }) },
          { title: t('calendar.source'), dataIndex: 'source', ellipsis: true },
          {
            title: t('calendar.proposedBy'),
            key: 'by',
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {r.proposedByName ?? r.proposedBy}
                  {r.proposedBy === user?.id ? <Tag style={{ marginInlineStart: 6 }}>{t('calendar.mine')}</Tag> : null}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(r.proposedAt)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: string, r) => (
              <Space orientation="vertical" size={0}>
                <Tag color={REVISION_STATUS_COLOUR[s]} data-testid="revision-status" data-status={s}>
                  {t(`calendar.revisionStatus.${s}` as MessageKey)}
                  {r.revision !== null ? ` #${r.revision}` : ''}
                </Tag>
                {r.decidedAt ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.decidedByName ?? r.decidedBy} · {formatDateTime(r.decidedAt)}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_: unknown, r) =>
              r.status === 'proposed' ? (
                <Space wrap>
                  <Popconfirm
                    title={t('calendar.approveConfirm')}
                    okText={t('calendar.approve')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ 'data-testid': 'revision-approve-confirm' }}
                    onConfirm={() => approve(r)}
                  >
                    <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy === r.id} data-testid="revision-approve" aria-label={`${t('calendar.approve')} ${r.year}`}>
                      {t('calendar.approve')}
                    </Button>
                  </Popconfirm>
                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(r)} data-testid="revision-reject" aria-label={`${t('calendar.reject')} ${r.year}`}>
                    {t('calendar.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {proposing ? (
        <ProposeDialog
          onCancel={() => setProposing(false)}
          onDone={() => {
            setProposing(false);
            setStatus('proposed');
            revisions.reload();
          }}
        />
      ) : null}
      {rejecting ? (
        <RejectDialog
          revision={rejecting}
          onCancel={() => setRejecting(null)}
          onDone={() => {
            setRejecting(null);
            revisions.reload();
          }}
        />
      ) : null}
    </>
  );
}

interface ProposeForm {
  year: number;
  divisionCode: string;
  off: string;
  work: string;
  source: string;
  note: string;
}

function problemText(t: (k: MessageKey, v?: Record<string, string | number>) => string, p: ArrangementProblem, year: number): string {
  const field = p.field === 'off' ? t('calendar.off') : t('calendar.work');
  return `${field}${p.date ? ` ${p.date}` : ''}：${t(`calendar.problem.${p.kind}` as MessageKey, { year })}`;
}

/** A year's arrangement: two date lists (ranges allowed) and the source (the State Council notice). */
function ProposeDialog({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ProposeForm>();
  const v = Form.useWatch([], form) as Partial<ProposeForm> | undefined;
  const year = Number(v?.year ?? dayjs().year() + 1);
  const division = v?.divisionCode || PROVINCE_DIVISION;
  const off = parseDateList(v?.off ?? '');
  const work = parseDateList(v?.work ?? '');
  const touched = !!(v?.off || v?.work);
  const problems = touched ? checkArrangement(year, division, off, work) : [];

  const submit = useSubmit(
    (f: ProposeForm) =>
      proposeRevision({
        year: Number(f.year),
        divisionCode: f.divisionCode || PROVINCE_DIVISION,
        off: parseDateList(f.off ?? '').dates,
        work: parseDateList(f.work ?? '').dates,
        source: f.source.trim(),
        ...(f.note?.trim() ? { note: f.note.trim() } : {}),
      }),
    { success: t('calendar.proposed'), onDone },
  );

  return (
    <ModalForm<ProposeForm>
      form={form}
      width={720}
      title={t('calendar.proposeTitle')}
      help={t('calendar.proposeHelp')}
      okText={t('calendar.proposeSend')}
      okTestId="propose-confirm"
      okDisabled={problems.length > 0}
      busy={submit.busy}
      error={submit.error}
      errorTestId="propose-error"
      onCancel={onCancel}
      initialValues={{ year: dayjs().year() + 1, divisionCode: PROVINCE_DIVISION, off: '', work: '', source: '', note: '' }}
      onFinish={submit.run}
    >
      <Space wrap size={16} align="start">
        <Form.Item name="year" label={t('calendar.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} precision={0} data-testid="propose-year" aria-label={t('calendar.year')} />
        </Form.Item>
        <DivisionCodeItem extra={t('calendar.divisionHelp')} testId="propose-division" />
      </Space>
      <Form.Item name="off" label={t('calendar.offList')} extra={t('calendar.listHelp')}>
        <Input.TextArea rows={4} data-testid="propose-off" placeholder="2027-01-01, 2027-02-05~2027-02-11" />
      </Form.Item>
      <Form.Item name="work" label={t('calendar.workList')} extra={t('calendar.workHelp')}>
        <Input.TextArea rows={2} data-testid="propose-work" placeholder="2027-02-14" />
      </Form.Item>
      <Typography.Paragraph type="secondary" data-testid="propose-parsed">
        {t('calendar.parsed', { off: off.dates.length, work: work.dates.length })}
      </Typography.Paragraph>
      {problems.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="propose-problems"
          title={t('calendar.problems', { n: problems.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {problems.slice(0, 20).map((p, i) => (
                <li key={i}>{problemText(t, p, year)}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Form.Item name="source" label={t('calendar.source')} rules={[{ required: true, whitespace: true, message: t('calendar.sourceRequired') }]}>
        <Input maxLength={500} placeholder={t('calendar.sourcePlaceholder')} data-testid="propose-source" />
      </Form.Item>
      <Form.Item name="note" label={t('calendar.note')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="propose-note" />
      </Form.Item>
    </ModalForm>
  );
}

function RejectDialog({ revision, onCancel, onDone }: { revision: CalendarRevision; onCancel: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = useSubmit((v: { reason: string }) => rejectRevision(revision.id, v.reason.trim()), { success: t('calendar.rejected'), onDone, toastErrors: true });
  return (
    <ModalForm
      form={form}
      title={t('calendar.rejectTitle', { year: revision.year })}
      okText={t('calendar.reject')}
      okTestId="revision-reject-confirm"
      danger
      busy={submit.busy}
      onCancel={onCancel}
      onFinish={submit.run}
    >
      <Form.Item name="reason" label={t('calendar.rejectReason')} rules={[{ required: true, whitespace: true, message: t('calendar.rejectReasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="revision-reject-reason" />
      </Form.Item>
    </ModalForm>
  );
}

interface DueForm {
  start: Dayjs;
  days: number;
  dayKind: DayKind;
  divisionCode: string;
}

/** The due date of a period on the calendar in force, as the server computes every deadline. */
export function DueCalculator() {
  const { t } = useI18n();
  const [form] = Form.useForm<DueForm>();
  const [result, setResult] = useState<(DueResult & { input: DueForm }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const finish = async (v: DueForm) => {
    setBusy(true);
    setError(null);
    try {
      const r = await computeDue({ start: v.start.format('YYYY-MM-DD'), days: v.days, dayKind: v.dayKind, divisionCode: v.divisionCode || undefined });
      setResult({ ...r, input: v });
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">{t('calendar.dueHelp')}</Typography.Paragraph>
      <Form<DueForm> form={form} layout="inline" initialValues={{ start: dayjs(), days: 15, dayKind: 'working', divisionCode: '' }} onFinish={(v) => void finish(v)} style={{ rowGap: 12 }}>
        <Form.Item name="start" label={t('calendar.dueStart')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} data-testid="due-start" aria-label={t('calendar.dueStart')} />
        </Form.Item>
        <Form.Item name="days" label={t('calendar.dueDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={999} precision={0} style={{ width: 90 }} data-testid="due-days" aria-label={t('calendar.dueDays')} />
        </Form.Item>
        <Form.Item name="dayKind">
          <Radio.Group
            optionType="button"
            data-testid="due-day-kind"
            options={[
              { value: 'working', label: t('deadline.workingDays') },
              { value: 'calendar', label: t('deadline.calendarDays') },
            ]}
          />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('calendar.division')} rules={[{ pattern: /^(\d{6})?$/, message: t('calendar.divisionPattern') }]}>
          <Input maxLength={6} style={{ width: 110 }} placeholder="440106" data-testid="due-division" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy} data-testid="due-compute">
            {t('calendar.dueCompute')}
          </Button>
        </Form.Item>
      </Form>
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={error} testId="due-error" />
        {result ? (
          <Alert
            type={result.provisional ? 'warning' : 'success'}
            showIcon
            data-testid="due-result"
            data-due-date={result.dueDate}
            title={
              <Space wrap>
                {t('calendar.dueResult', { date: formatDate(result.dueDate) })}
                {result.provisional ? <Tag color="gold" data-testid="due-result-provisional">{t('due.provisional')}</Tag> : null}
              </Space>
            }
            description={t('calendar.dueResultHelp', {
              start: result.input.start.format('YYYY-MM-DD'),
              n: result.input.days,
              kind: result.input.dayKind === 'calendar' ? t('deadline.calendarDays') : t('deadline.workingDays'),
              revision: result.revision,
            })}
          />
        ) : null}
      </div>
    </div>
  );
}
