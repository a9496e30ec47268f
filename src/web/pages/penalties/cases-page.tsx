// Penalty cases in scope (officers: their area; a unit: cases against it; the supervisor: its area).
import { Button, Card, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useSession } from '../../auth/session-context';
import { isOfficer } from '../../auth/roles';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import { listCases, type CaseStatus, type CaseSummary } from './penalties-api';

const STATUS_COLOURS: Record<CaseStatus, string> = {
  open: 'blue',
  notified: 'gold',
  hearing_requested: 'orange',
  heard: 'orange',
  decided: 'red',
  served: 'red',
  paid: 'green',
  closed: 'default',
  no_penalty: 'default',
};


/** "第37条(4)" / "Art. 37(4)": an article of the Measures with its item, as a case shows it. */
export const articleRef = (lang: string, article: string, item?: string | null): string =>
  lang === 'en' ? `Art. ${article}${item ?? ''}` : `第${article}条${item ?? ''}`;

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="case-status" data-status={status}>
      {t(`pen.status.${status}` as MessageKey)}
    </Tag>
  );
}

export default function CasesPage() {
  const { t, lang } = useI18n();
  const { state } = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const result = useAsync(() => listCases({ page }), [page]);
  const officer = isOfficer(state.user?.role);
  return (
    <>
      <PageTitle
        title={t('pen.title')}
        extra={officer ? <Link to="/penalty-cases/new"><Button type="primary" data-testid="case-new">{t('pen.new')}</Button></Link> : null}
      />
      <ErrorAlert error={result.error} />
      <Card>
        <Table<CaseSummary>
          rowKey="id"
          loading={result.loading}
          dataSource={result.data?.items ?? []}
          data-testid="cases-table"
          locale={{ emptyText: t('pen.empty') }}
          pagination={{ current: page, pageSize: result.data?.pageSize ?? 50, total: result.data?.total ?? 0, onChange: (p) => setParams(p > 1 ? { page: String(p) } : {}) }}
          columns={[
            { title: t('pen.number'), dataIndex: 'number', render: (v: string, r) => <Link to={`/penalty-cases/${r.id}`} data-testid="case-link">{v}</Link> },
            { title: t('pen.status'), dataIndex: 'status', render: (s: CaseStatus) => <CaseStatusTag status={s} /> },
            { title: t('pen.article'), render: (_, r) =>
                lang === 'en'
                  ? `${articleRef(lang, r.penaltyArticle, r.item)} (violates Art. ${r.violatedArticle})`
                  : `${articleRef(lang, r.penaltyArticle, r.item)}（违反第${r.violatedArticle}条）`,
            },
            { title: t('pen.parties'), render: (_, r) => r.parties.map((p) => p.name).join('、') },
            { title: t('pen.openedOn'), dataIndex: 'openedOn', render: (v: string) => formatDate(v) },
            { title: t('pen.decisionNumber'), dataIndex: 'decisionNumber', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
