// The supervisory organ's view (art. 39): overdue decisions of every procedure per owning police unit,
// retention alerts nobody inspected, and the way to complaints about officials (the complaints page).
// Every item links to the ledger entries behind it.
import { Alert, Button, Card, Collapse, DatePicker, Empty, Flex, InputNumber, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate, formatDateTime } from '../../dates';
import { formatArticle } from '../../i18n/article';
import { useI18n } from '../../i18n/i18n-context';
import { fetchOverdue, fetchReports, type LedgerRef, type OverdueItem, type OversightCategory, type ReportItem, type UnitRef } from './oversight-api';
import { CATEGORY_COLOURS, kindLabelKey, ledgerHref, parseDays, subjectHref, subjectLabelKey } from './oversight-logic';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CATEGORIES: readonly OversightCategory[] = ['overdue', 'late', 'lapsed'];

function useUnitName() {
  const { lang } = useI18n();
  return (u: UnitRef) => (lang === 'en' ? u.nameEn : u.name);
}

/** The ledger entries behind an item, each a link to its entry view. */
export function LedgerLinks({ entries }: { entries: LedgerRef[] }) {
  if (entries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      {entries.map((e) => (
        <Link key={e.seq} to={ledgerHref(e.seq)} data-testid="oversight-ledger-link" title={`${e.action}${e.article ? ` · ${e.article}` : ''} · ${formatDateTime(e.at)}`}>
          #{e.seq}
        </Link>
      ))}
    </Space>
  );
}

function OverdueTable({ items }: { items: OverdueItem[] }) {
  const { t, lang } = useI18n();
  return (
    <Table<OverdueItem>
      rowKey="deadlineId"
      size="small"
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 900 }}
      onRow={(i) => ({ 'data-testid': 'oversight-item', 'data-subject': i.subject.id, 'data-category': i.category }) as object}
      columns={[
        {
          title: t('oversight.col.subject'),
          key: 'subject',
          render: (_, i) => {
            const label = subjectLabelKey(i.subject.type);
            const href = subjectHref(i.subject.type, i.subject.id);
            const text = i.subject.reference ?? `${i.subject.id.slice(0, 8)}…`;
            return (
              <Space orientation="vertical" size={0}>
                <Typography.Text type="secondary">{label ? t(label) : i.subject.type}</Typography.Text>
                {href ? <Link to={href}>{text}</Link> : text}
              </Space>
            );
          },
        },
        {
          title: t('oversight.col.kind'),
          key: 'kind',
          render: (_, i) => {
            const k = kindLabelKey(i.kind);
            return (
              <Space orientation="vertical" size={0}>
                <span>{k ? t(k) : i.kind}</span>
                <Typography.Text type="secondary">
                  {formatArticle(i.article, lang)} · {t(i.dayKind === 'working' ? 'oversight.workingDays' : 'oversight.days', { n: i.days })}
                </Typography.Text>
              </Space>
            );
          },
        },
        {
          title: t('common.status'),
          key: 'cat',
          render: (_, i) => <Tag color={CATEGORY_COLOURS[i.category]}>{t(`oversight.category.${i.category}`)}</Tag>,
        },
        { title: t('oversight.col.due'), key: 'due', render: (_, i) => formatDate(i.dueDate) },
        { title: t('oversight.col.closed'), key: 'closed', render: (_, i) => formatDate(i.closedOn) },
        { title: t('oversight.col.pastDue'), dataIndex: 'daysPastDue', width: 90 },
        { title: t('oversight.col.ledger'), key: 'ledger', render: (_, i) => <LedgerLinks entries={i.ledger} /> },
      ]}
    />
  );
}

function DeadlinesTab() {
  const { t } = useI18n();
  const unitName = useUnitName();
  const [params, setParams] = useSearchParams();
  const category = CATEGORIES.find((c) => c === params.get('category'));
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : undefined;
  const view = useAsync(() => fetchOverdue({ category, from }), [category, from]);
  const set = (key: string, value: string | undefined) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };
  const d = view.data;
  return (
    <div data-testid="oversight-deadlines">
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          style={{ minWidth: 160 }}
          value={category ?? ''}
          aria-label={t('oversight.filter.category')}
          data-testid="oversight-category"
          onChange={(v) => set('category', v || undefined)}
          options={[{ value: '', label: t('oversight.filter.all') }, ...CATEGORIES.map((c) => ({ value: c, label: t(`oversight.category.${c}`) }))]}
        />
        <DatePicker
          placeholder={t('oversight.filter.from')}
          value={from ? dayjs(from) : null}
          onChange={(v) => set('from', v ? v.format('YYYY-MM-DD') : undefined)}
          aria-label={t('oversight.filter.from')}
        />
        {CATEGORIES.map((c) => (
          <Card size="small" key={c} style={{ minWidth: 120 }}>
            <Statistic title={t(`oversight.count.${c}`)} value={d?.counts[c] ?? 0} styles={{ content: { color: d?.counts[c] && c === 'overdue' ? '#cf1322' : undefined } }} />
          </Card>
        ))}
        {d ? <Typography.Text type="secondary">{t('oversight.asOf', { date: formatDate(d.asOf) })}</Typography.Text> : null}
      </Flex>
      <ErrorAlert error={view.error} />
      {d?.truncated ? <Alert type="warning" showIcon title={t('oversight.truncated')} style={{ marginBottom: 16 }} /> : null}
      {d && d.units.length === 0 ? <Empty description={t('oversight.none')} /> : null}
      {d && d.units.length > 0 ? (
        <Collapse
          defaultActiveKey={d.units.map((u) => u.unit.id)}
          items={d.units.map((u) => ({
            key: u.unit.id,
            label: (
              <Space data-testid={`oversight-unit-${u.unit.id}`}>
                {unitName(u.unit)}
                {CATEGORIES.filter((c) => u.counts[c] > 0).map((c) => (
                  <Tag key={c} color={CATEGORY_COLOURS[c]}>
                    {t(`oversight.category.${c}`)} {u.counts[c]}
                  </Tag>
                ))}
              </Space>
            ),
            children: <OverdueTable items={u.items} />,
          }))}
        />
      ) : null}
    </div>
  );
}

function ReportsTab() {
  const { t } = useI18n();
  const unitName = useUnitName();
  const [params, setParams] = useSearchParams();
  const days = parseDays(params.get('days'));
  const view = useAsync(() => fetchReports(days), [days]);
  const d = view.data;
  return (
    <div data-testid="oversight-reports">
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <Space>
          {t('oversight.reports.days')}
          <InputNumber
            min={1}
            max={365}
            value={d?.days ?? days ?? 15}
            aria-label={t('oversight.reports.days')}
            onChange={(v) => {
              const p = new URLSearchParams(params);
              if (v) p.set('days', String(v));
              else p.delete('days');
              setParams(p, { replace: true });
            }}
          />
        </Space>
        {d ? <Typography.Text type="secondary">{t('oversight.reports.intro', { days: d.days })}</Typography.Text> : null}
      </Flex>
      <ErrorAlert error={view.error} />
      {d && d.units.length === 0 ? <Empty description={t('oversight.none')} /> : null}
      {(d?.units ?? []).map((u) => (
        <Card key={u.unit.id} size="small" title={unitName(u.unit)} style={{ marginBottom: 12 }}>
          <Table<ReportItem>
            rowKey={(r) => r.site.id}
            size="small"
            dataSource={u.items}
            pagination={false}
            scroll={{ x: 900 }}
            onRow={() => ({ 'data-testid': 'oversight-report-item' }) as object}
            columns={[
              { title: t('oversight.col.site'), key: 'site', render: (_, r) => r.site.name },
              { title: t('oversight.col.unit'), key: 'unit', render: (_, r) => r.unitName ?? '—' },
              {
                title: t('oversight.col.alerts'),
                key: 'alerts',
                render: (_, r) => (
                  <Space orientation="vertical" size={2}>
                    {r.alerts.map((a, n) => (
                      <Tag key={n} color={a.kind === 'stale' ? 'orange' : 'red'}>
                        {t(`oversight.alert.${a.kind}`)}
                        {a.deviceName ? ` · ${a.deviceName}` : ''} · {a.article}
                        {a.penaltyArticle ? ` → ${a.penaltyArticle}` : ''}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
              { title: t('oversight.col.since'), key: 'since', render: (_, r) => formatDateTime(r.since) },
              { title: t('oversight.col.standing'), dataIndex: 'daysStanding', width: 90 },
              {
                title: t('oversight.col.lastInspection'),
                key: 'insp',
                render: (_, r) => (r.lastInspection ? `${r.lastInspection.number} · ${formatDate(r.lastInspection.createdAt)}` : t('oversight.noInspection')),
              },
              { title: t('oversight.col.ledger'), key: 'ledger', render: (_, r) => <LedgerLinks entries={r.ledger} /> },
            ]}
          />
        </Card>
      ))}
    </div>
  );
}

export default function SupervisionOversightPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'reports' || params.get('tab') === 'complaints' ? params.get('tab')! : 'deadlines';
  return (
    <>
      <PageTitle title={t('oversight.title')} sub={t('oversight.sub')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'deadlines' ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'deadlines', label: t('oversight.tab.deadlines'), children: tab === 'deadlines' ? <DeadlinesTab /> : null },
            { key: 'reports', label: t('oversight.tab.reports'), children: tab === 'reports' ? <ReportsTab /> : null },
            {
              key: 'complaints',
              label: t('oversight.tab.complaints'),
              children: (
                <Space orientation="vertical">
                  <Typography.Text>{t('oversight.complaintsLink')}</Typography.Text>
                  <Link to="/oversight/complaints" data-testid="oversight-complaints-link">
                    <Button type="primary">{t('oversight.complaintsOpen')}</Button>
                  </Link>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
