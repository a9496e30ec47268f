// Pieces shared by the project pages: status tag, deadline tags and list, the five-class checklist
// with an upload per class, and the qualified-company picker.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { App, Button, List, Select, Space, Tag, Tooltip, Typography, Upload, type DescriptionsProps, type TableColumnsType, type TableProps } from 'antd';
import { Link, type NavigateFunction } from 'react-router-dom';
import { CheckCircleFilled, CloseCircleFilled, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { searchCompanies } from '../../api/endpoints';
import { documentUrl, uploadProjectDocument } from '../../api/projects-endpoints';
import type { DeadlineView, ProjectDetail, ProjectDocument, ProjectSummary, RequiredDocClass } from '../../api/projects-types';
import type { QualifiedCompany } from '../../api/types';
import { useNotifyError } from '../../components/api-error';
import { levelKey } from '../../components/labels';
import { enumLabel } from '../../components/registry-labels';
import { formatDate, formatDateTime } from '../../dates';
import { formatArticle } from '../../i18n/article';
import { useI18n, type I18n } from '../../i18n/i18n-context';
import { statusLabel } from '../../status';
import { DEADLINE_COLOURS, type ChecklistRow, daysLeftMessage, deadlineState, formatBytes, formatYuan, pauseLength, summaryState, authorityName } from './project-logic';
import { deadlineKindLabel, docClassLabel, outcomeLabel, pauseReasonLabel, projectStatus } from './project-labels';

export function ProjectStatusTag({ status, testId }: { status: string; testId?: string }) {
  const { lang } = useI18n();
  const p = projectStatus(status);
  return (
    <Tag color={p.tag} data-testid={testId} data-status={status}>
      {statusLabel(p, lang)}
    </Tag>
  );
}

export function ScaleClassTag({ scaleClass }: { scaleClass: number | null | undefined }) {
  const { t } = useI18n();
  if (!scaleClass) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={scaleClass === 1 ? 'red' : scaleClass === 2 ? 'orange' : 'blue'} data-testid="scale-class" data-scale-class={scaleClass}>
      {t('project.scaleClassN', { n: scaleClass })}
    </Tag>
  );
}

/** Days left (or overdue / paused / closed) and the provisional mark of one deadline. */
export function DeadlineTags({ deadline }: { deadline: Pick<DeadlineView, 'status' | 'paused' | 'overdue' | 'daysLeft' | 'dayKind' | 'provisional'> }) {
  const { t } = useI18n();
  const state = deadlineState(deadline);
  const msg = daysLeftMessage(deadline);
  return (
    <Space size={4} wrap data-testid="deadline-tags" data-deadline-state={state}>
      <Tag color={DEADLINE_COLOURS[state]} data-testid="deadline-days-left">
        {t(msg.key, { n: msg.n })}
      </Tag>
      {deadline.provisional ? (
        <Tooltip title={t('deadline.provisionalHelp')}>
          <Tag variant="outlined" color="gold" data-testid="deadline-provisional">
            {t('due.provisional')}
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

/** The running clock of a project in a list: due date, days left, paused, provisional. */
export function DeadlineCell({ p }: { p: ProjectSummary }) {
  const { t } = useI18n();
  if (!p.deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  const d = { ...p.deadline, paused: p.deadline.paused || p.paused };
  return (
    <Space orientation="vertical" size={2} data-testid="queue-deadline" data-due-date={d.dueDate} data-kind={d.kind}>
      <Space size={4} wrap>
        <Typography.Text strong>{formatDate(d.dueDate)}</Typography.Text>
        <DeadlineTags deadline={d} />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {deadlineKindLabel(t, d.kind)}
      </Typography.Text>
    </Space>
  );
}

/**
 * What the project lists (all projects, the officer's queue) share: rows tinted by the running
 * clock (overdue red, near amber) that open the project on click, and the number, title and
 * status columns.
 */
export function projectRowProps(navigate: NavigateFunction): Pick<TableProps<ProjectSummary>, 'rowClassName' | 'onRow'> {
  return {
    rowClassName: (p) => {
      const s = summaryState(p);
      return `jf-clickable-row ${s === 'overdue' ? 'jf-row-overdue' : s === 'near' || s === 'due_today' ? 'jf-row-near' : ''}`;
    },
    onRow: (p) => ({ onClick: () => navigate(`/projects/${encodeURIComponent(p.id)}`) }),
  };
}

/** The number (a link to the project; `openTestId` on it), the title over the site, the status. */
export function projectColumns(t: I18n['t'], openTestId: string, statusExtra?: (p: ProjectSummary) => ReactNode): TableColumnsType<ProjectSummary> {
  return [
    {
      title: t('project.number'),
      dataIndex: 'number',
      width: 170,
      render: (n: string, p) => (
        <Link to={`/projects/${encodeURIComponent(p.id)}`} onClick={(e) => e.stopPropagation()} data-testid={openTestId} data-project-id={p.id}>
          {n}
        </Link>
      ),
    },
    {
      title: t('project.title'),
      dataIndex: 'title',
      render: (title: string, p) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.site.name}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: string, p) => (
        <Space size={4} wrap>
          <ProjectStatusTag status={s} />
          {p.eligibilityFlagged ? <Tag color="red">{t('projects.flagged')}</Tag> : null}
          {statusExtra?.(p)}
        </Space>
      ),
    },
  ];
}

/**
 * Submitting with classes of art. 17 missing is allowed (the bureau then lists them in its one
 * notice) but asks first, naming them; `submit` runs at once when nothing is missing.
 */
export function confirmSubmitMissing(modal: ReturnType<typeof App.useApp>['modal'], t: I18n['t'], missing: readonly RequiredDocClass[], submit: () => unknown): void {
  if (!missing.length) return void submit();
  modal.confirm({
    title: t('wizard.missingConfirmTitle'),
    content: (
      <>
        <Typography.Paragraph>{t('wizard.missingConfirmBody')}</Typography.Paragraph>
        <ul>
          {missing.map((c) => (
            <li key={c}>{docClassLabel(t, c)}</li>
          ))}
        </ul>
      </>
    ),
    okText: t('wizard.submitAnyway'),
    cancelText: t('common.cancel'),
    okButtonProps: { 'data-testid': 'wizard-submit-anyway' },
    onOk: () => submit(),
  });
}

/**
 * The particulars a draft is reviewed on and the detail page shows: authority, scale class,
 * investment (and the level-1 risk answer, `withRisk`), the two companies, the systems.
 */
export function projectParticulars(t: I18n['t'], p: ProjectDetail, withRisk: boolean): DescriptionsProps['items'] {
  return [
    { key: 'authority', label: t('project.authority'), children: <span data-testid="project-authority">{authorityName(p)}</span> },
    { key: 'scale', label: t('project.scaleClass'), children: <ScaleClassTag scaleClass={p.scaleClass} /> },
    { key: 'investment', label: t('project.investment'), children: formatYuan(p.investmentYuan) },
    ...(withRisk ? [{ key: 'risk', label: t('project.risk'), children: p.level1Risk ? t('wizard.level1Risk') : t('common.no') }] : []),
    { key: 'designer', label: t('project.designer'), children: p.companies.designer.name },
    { key: 'builder', label: t('project.builder'), children: p.companies.builder.name },
    {
      key: 'systems',
      label: t('project.systems'),
      span: 2,
      children: (
        <Space wrap size={4}>
          {p.systemTypes.map((s) => (
            <Tag key={s}>{enumLabel(t, 'systemType', s)}</Tag>
          ))}
        </Space>
      ),
    },
  ];
}

/** The deadlines of a project: due date, days left, provisional, paused intervals, the article. */
export function DeadlineList({ deadlines }: { deadlines: DeadlineView[] }) {
  const { t, lang } = useI18n();
  const today = new Date().toISOString().slice(0, 10);
  if (!deadlines.length) return <Typography.Text type="secondary">{t('deadline.none')}</Typography.Text>;
  return (
    <List
      data-testid="project-deadlines"
      dataSource={deadlines}
      renderItem={(d) => (
        <List.Item key={d.id} data-testid="deadline-row" data-kind={d.kind} data-due-date={d.dueDate} data-status={d.status}>
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{deadlineKindLabel(t, d.kind)}</Typography.Text>
              <Tag>{formatArticle(d.article, lang)}</Tag>
            </Space>
            <Space wrap size={[12, 4]}>
              <span>
                {t('deadline.due')}: <Typography.Text strong data-testid="deadline-due-date">{formatDate(d.dueDate)}</Typography.Text>
              </span>
              <DeadlineTags deadline={d} />
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('deadline.period', {
                start: formatDate(d.startDate),
                n: d.days,
                kind: d.dayKind === 'calendar' ? t('deadline.calendarDays') : t('deadline.workingDays'),
              })}
              {' · '}
              {t('deadline.revision', { n: d.calendarRevision })}
              {d.status === 'closed' && d.outcome ? ` · ${outcomeLabel(t, d.outcome)} ${formatDate(d.closedOn)}` : ''}
            </Typography.Text>
            {d.pauses.length ? (
              <div data-testid="deadline-pauses">
                {d.pauses.map((p, i) => (
                  <Typography.Text key={i} type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="deadline-pause">
                    <Tag color="purple" style={{ marginInlineEnd: 4 }}>
                      {t('deadline.pausedTag')}
                    </Tag>
                    {pauseReasonLabel(t, p.reason)}：{formatDate(p.from)} → {p.to ? formatDate(p.to) : t('deadline.ongoing')}
                    {t('deadline.pauseDays', { n: pauseLength(p, today) })}
                    {p.note ? ` · ${p.note}` : ''}
                  </Typography.Text>
                ))}
              </div>
            ) : null}
          </Space>
        </List.Item>
      )}
    />
  );
}

/**
 * The five classes of art. 17, each with its files and (when `projectId` and `canUpload`) an
 * upload button that PUTs the file's bytes; `onUploaded` reloads the project.
 */
export function DocumentChecklist({
  rows,
  projectId,
  canUpload,
  onUploaded,
  uploadClass,
}: {
  rows: ChecklistRow[];
  projectId: string;
  canUpload: boolean;
  onUploaded: () => void;
  /** Upload to this class instead of the row's (e.g. `supplement`); null: the row's own class. */
  uploadClass?: string | null;
}) {
  const { t } = useI18n();
  return (
    <List
      data-testid="project-checklist"
      dataSource={rows}
      renderItem={(r) => (
        <List.Item
          key={r.docClass}
          data-testid={`checklist-${r.docClass}`}
          data-present={r.present ? 'true' : 'false'}
          actions={
            canUpload
              ? [<DocumentUpload key="up" projectId={projectId} docClass={uploadClass ?? r.docClass} label={docClassLabel(t, r.docClass)} testId={`upload-${r.docClass}`} onUploaded={onUploaded} />]
              : undefined
          }
        >
          <List.Item.Meta
            avatar={
              r.present ? (
                <CheckCircleFilled style={{ color: '#389e0d', fontSize: 18 }} aria-label={t('checklist.present')} />
              ) : (
                <CloseCircleFilled style={{ color: '#cf1322', fontSize: 18 }} aria-label={t('checklist.missing')} />
              )
            }
            title={
              <Space wrap>
                {docClassLabel(t, r.docClass)}
                {r.present ? <Tag color="green">{t('checklist.present')}</Tag> : <Tag color="red">{t('checklist.missing')}</Tag>}
              </Space>
            }
            description={
              r.documents.length ? (
                <Space orientation="vertical" size={0}>
                  {r.documents.map((d) => (
                    <DocumentLink key={d.id} projectId={projectId} doc={d} />
                  ))}
                </Space>
              ) : null
            }
          />
        </List.Item>
      )}
    />
  );
}

export function DocumentLink({ projectId, doc }: { projectId: string; doc: ProjectDocument }) {
  return (
    <Typography.Link href={documentUrl(projectId, doc.id)} target="_blank" rel="noopener" data-testid="document-link" data-doc-class={doc.docClass}>
      <PaperClipOutlined /> {doc.fileName}
      <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
        {formatBytes(doc.sizeBytes)} · {formatDateTime(doc.uploadedAt)}
      </Typography.Text>
    </Typography.Link>
  );
}

/** One upload button: the chosen file goes up at once as raw bytes, typed by the server from its content. */
export function DocumentUpload({
  projectId,
  docClass,
  label,
  testId,
  onUploaded,
}: {
  projectId: string;
  docClass: string;
  label: string;
  testId: string;
  onUploaded: (doc: ProjectDocument) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      showUploadList={false}
      multiple={false}
      accept=".pdf,.png,.jpg,.jpeg,.ofd,.zip,.docx,.xlsx,.dwg"
      data-testid={testId}
      customRequest={async ({ file, onSuccess, onError }) => {
        setBusy(true);
        try {
          const doc = await uploadProjectDocument(projectId, docClass, file as File);
          onSuccess?.(doc);
          void message.success(t('checklist.uploaded', { name: (file as File).name }));
          onUploaded(doc);
        } catch (err) {
          onError?.(err as Error);
          notifyError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={busy} aria-label={t('checklist.uploadFor', { name: label })}>
        {t('checklist.upload')}
      </Button>
    </Upload>
  );
}

export interface PickedCompany {
  id: string;
  name: string;
  level: string | null;
  certificateNumber: string;
}

type SearchHit = QualifiedCompany & { companyId?: string | null; id?: string | null };

/**
 * Picks a designing or building company from the public register of qualified companies (the
 * search behind /companies). The register answers with the company's id when it carries one.
 */
export function CompanyPicker({
  value,
  onChange,
  testId,
  initial,
}: {
  value?: string;
  onChange?: (id: string, picked: PickedCompany | undefined) => void;
  testId: string;
  initial?: PickedCompany | null;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<PickedCompany[]>(initial ? [initial] : []);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const n = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      searchCompanies({ name: q || undefined })
        .then((res) => {
          if (n !== seq.current) return;
          const picked = (res.items as SearchHit[])
            .map((c) => ({ id: c.companyId ?? c.id ?? '', name: c.companyName, level: c.level, certificateNumber: c.certificateNumber }))
            .filter((c) => c.id);
          setHits(picked);
        })
        .catch(() => n === seq.current && setHits([]))
        .finally(() => n === seq.current && setLoading(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);

  const options = useMemo(() => {
    const all = initial && !hits.some((h) => h.id === initial.id) ? [initial, ...hits] : hits;
    // One company may hold several certificates: one option per company.
    const seen = new Set<string>();
    return all
      .filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)))
      .map((c) => ({
        value: c.id,
        label: `${c.name}${c.level ? ` · ${t(levelKey(c.level))}` : ''}`,
        company: c,
      }));
  }, [hits, initial, t]);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      loading={loading}
      placeholder={t('wizard.companySearch')}
      notFoundContent={loading ? t('project.loading') : t('wizard.companyNone')}
      options={options}
      onChange={(id: string) => onChange?.(id, options.find((o) => o.value === id)?.company)}
      data-testid={testId}
      aria-label={t('wizard.companySearch')}
      style={{ width: '100%' }}
    />
  );
}
