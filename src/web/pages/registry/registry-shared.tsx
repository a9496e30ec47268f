// Pieces shared by the registry pages: catalogue and division look-ups, status tags, findings.
import { Alert, List, Space, Tag, Typography } from 'antd';
import { fetchCatalogue, fetchDivisions } from '../../api/endpoints';
import type { Bilingual, Catalogue, DivisionNode, Finding } from '../../api/types';
import { ruleHelp, ruleInfo, ruleLabel } from '../../components/registry-labels';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { formatArticle } from '../../i18n/article';
import { useI18n } from '../../i18n/i18n-context';
import { findingStatus, retentionState, statusLabel, systemStatus } from '../../status';

export function useCatalogue() {
  return useAsync(fetchCatalogue, []);
}

export function useDivisionTree() {
  return useAsync<DivisionNode[]>(fetchDivisions, []);
}

type Pick2 = (zh: string, en: string | undefined | null) => string;

/** A finding's detail in the current language (the server sends both). */
export function detailText(detail: Bilingual | string | null | undefined, pick: Pick2): string | null {
  if (!detail) return null;
  return typeof detail === 'string' ? detail : pick(detail.zh, detail.en) || null;
}

export function categoryLabel(cat: Catalogue | undefined, code: string | null | undefined, pick: Pick2): string {
  if (!code) return '—';
  const c = cat?.categories.find((x) => x.code === code);
  return c ? `${c.code} ${pick(c.zh, c.en)}` : code;
}

export function kindLabel(cat: Catalogue | undefined, categoryCode: string | null | undefined, kindCode: string | null | undefined, pick: Pick2): string {
  if (!kindCode) return '—';
  const k = cat?.categories.find((x) => x.code === categoryCode)?.kinds.find((x) => x.code === kindCode);
  return k ? pick(k.zh, k.en) : kindCode;
}

export function SystemStatusTag({ status }: { status: string }) {
  const { lang } = useI18n();
  const p = systemStatus(status);
  return (
    <Tag color={p.tag} data-testid="system-status-tag" data-status={status}>
      {statusLabel(p, lang)}
    </Tag>
  );
}

export function RetentionStateTag({ state }: { state: string | undefined | null }) {
  const { lang } = useI18n();
  const p = retentionState(state);
  return (
    <Tag color={p.tag} data-testid="retention-state" data-state={state ?? 'no_report'}>
      {statusLabel(p, lang)}
    </Tag>
  );
}

export function FindingStatusTag({ resolvedAt }: { resolvedAt: string | null | undefined }) {
  const { lang } = useI18n();
  const p = findingStatus(resolvedAt);
  return <Tag color={p.tag}>{statusLabel(p, lang)}</Tag>;
}

/** "依据《办法》第十条" for the article broken; the penalty article, or "order to correct" when there is none. */
export function ArticleCitation({ article, penaltyArticle, rule }: { article: string; penaltyArticle?: string | null; rule?: string }) {
  const { t, lang } = useI18n();
  // The server's null means an order to correct, without a fine; only a missing value falls back to the rule table.
  const penalty = penaltyArticle !== undefined ? penaltyArticle : rule ? (ruleInfo(rule)?.penaltyArticle ?? null) : null;
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{formatArticle(article, lang)}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('finding.penaltyArticle')}: {penalty ? formatArticle(penalty, lang).replace(/^依据/, '') : t('finding.penaltyNone')}
      </Typography.Text>
    </Space>
  );
}

/** A site's open findings, each with its rule, articles and a plain explanation. */
export function FindingList({ findings, subjectName }: { findings: Finding[]; subjectName?: (f: Finding) => string | undefined }) {
  const { t, pick } = useI18n();
  if (!findings.length) {
    return <Alert type="success" showIcon title={t('finding.none')} data-testid="findings-none" />;
  }
  return (
    <List
      data-testid="site-findings"
      dataSource={findings}
      renderItem={(f) => {
        const help = ruleHelp(t, f.rule);
        const subject = subjectName?.(f);
        const detail = detailText(f.detail, pick);
        return (
          <List.Item key={f.id} data-testid="finding-row" data-article={f.article} data-rule={f.rule} data-subject-id={f.subjectId}>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color="red">{ruleLabel(t, f.rule)}</Tag>
                  {subject ? <Typography.Text>{subject}</Typography.Text> : null}
                </Space>
              }
              description={
                <Space orientation="vertical" size={2}>
                  {detail ? <Typography.Text>{detail}</Typography.Text> : null}
                  {help ? <Typography.Text type="secondary">{help}</Typography.Text> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('finding.openedAt')}: {formatDate(f.openedAt)}
                  </Typography.Text>
                </Space>
              }
            />
            <ArticleCitation article={f.article} penaltyArticle={f.penaltyArticle} rule={f.rule} />
          </List.Item>
        );
      }}
    />
  );
}
