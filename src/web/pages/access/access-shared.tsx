// Pieces shared by the information-access pages: labels, status tags, the matrix checklist (what is met, what is
// missing and why, with its article), persons with masked identity numbers, and register flags.
import type { ReactNode } from 'react';
import { Badge, List, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { AccessEvaluation, OfficialView, RegisterFlag } from '../../api/access-types';
import { articleShort } from '../registry/registry-filters';
import { useI18n } from '../../i18n/i18n-context';
import { isMessageKey, type MessageKey, type Vars } from '../../i18n/translate';
import { conditionRows, matrixSummary, type ConditionRow } from './access-logic';

type T = (key: MessageKey, vars?: Vars) => string;
export const labelOr = (t: T, key: string, raw: string) => (isMessageKey(key) ? t(key) : raw);

export const kindLabel = (t: T, kind: string | null | undefined) => (kind ? labelOr(t, `access.kind.${kind}`, kind) : '—');
export const actionLabel = (t: T, action: string) => labelOr(t, `access.action.${action}`, action);
export const registerKindLabel = (t: T, kind: string) => labelOr(t, `access.register.kind.${kind}`, kind);
export const defectLabel = (t: T, defect: string) => labelOr(t, `access.defect.${defect}`, defect);
export const flagLabel = (t: T, flag: string) => labelOr(t, `access.flag.${flag}`, flag);

const STATUS_COLOURS: Record<string, string> = { pending: 'processing', granted: 'success', refused: 'error', withdrawn: 'default' };

export function AccessStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'} data-testid="access-status" data-status={status}>
      {labelOr(t, `access.status.${status}`, status)}
    </Tag>
  );
}

export function ActionTag({ action }: { action: string }) {
  const { t } = useI18n();
  return <Tag color={action === 'view' ? 'blue' : action === 'copy' ? 'orange' : 'volcano'}>{actionLabel(t, action)}</Tag>;
}

export function FreeTag({ free }: { free: boolean }) {
  const { t } = useI18n();
  if (!free) return null;
  return (
    <Tooltip title={t('access.freeHelp')}>
      <Tag color="green" data-testid="access-free">
        {t('access.free')}
      </Tag>
    </Tooltip>
  );
}

/** "第26条第一款" style short citation. */
export function Article({ article }: { article: string }) {
  const { lang } = useI18n();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
      {articleShort(article, lang)}
    </Typography.Text>
  );
}

const STATE_ICON = {
  met: <CheckCircleFilled style={{ color: '#389e0d' }} />,
  missing: <ExclamationCircleFilled style={{ color: '#d48806' }} />,
  forbidden: <CloseCircleFilled style={{ color: '#cf1322' }} />,
};

/** The matrix walk: every condition of the cell, in order, met or missing (and why), each with its article. */
export function ConditionChecklist({ evaluation }: { evaluation: AccessEvaluation }) {
  const { t, pick } = useI18n();
  const rows = conditionRows(evaluation);
  const summary = matrixSummary(evaluation);
  return (
    <>
      <Space wrap size={8} style={{ marginBottom: 8 }}>
        <Badge
          status={evaluation.outcome === 'allowed' ? 'success' : evaluation.outcome === 'refused' ? 'error' : 'warning'}
          text={labelOr(t, `access.outcome.${evaluation.outcome}`, evaluation.outcome)}
          data-testid="access-outcome"
          data-outcome={evaluation.outcome}
        />
        <Typography.Text type="secondary">{t('access.detail.matrixSub', { met: summary.met, total: summary.total })}</Typography.Text>
        {summary.waitingFor.filter((s) => s !== 'none').length ? (
          <Typography.Text type="secondary">
            · {t('access.detail.waitingFor')}{' '}
            {summary.waitingFor
              .filter((s) => s !== 'none')
              .map((s) => t(`access.detail.supplier.${s}` as MessageKey))
              .join(pick('、', ', '))}
          </Typography.Text>
        ) : null}
      </Space>
      <List<ConditionRow>
        size="small"
        dataSource={rows}
        data-testid="access-conditions"
        renderItem={(c) => (
          <List.Item data-testid={`access-condition-${c.code}`} data-state={c.state} style={{ alignItems: 'flex-start' }}>
            <Space align="start" style={{ width: '100%' }}>
              {STATE_ICON[c.state]}
              <div style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text strong={c.state !== 'met'}>{pick(c.zh, c.en)}</Typography.Text>{' '}
                <Article article={c.article} />
                {c.state !== 'met' && c.supplier !== 'none' ? (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('access.detail.waitingFor')} {t(`access.detail.supplier.${c.supplier}` as MessageKey)}
                    </Typography.Text>
                  </div>
                ) : null}
                {c.defects.length ? (
                  <ul style={{ margin: '4px 0 0', paddingLeft: 18 }} data-testid={`access-defects-${c.code}`}>
                    {c.defects.map((d) => (
                      <li key={d}>
                        <Typography.Text type="danger" style={{ fontSize: 12 }}>
                          {defectLabel(t, d)}
                        </Typography.Text>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
              <Tag color={c.state === 'met' ? 'green' : c.state === 'forbidden' ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }}>
                {t(c.state === 'met' ? 'access.detail.met' : c.state === 'forbidden' ? 'access.detail.forbidden' : 'access.detail.missing')}
              </Tag>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}

/** Persons with the masked identity number only; the full number is shown by the unmask dialog. */
export function OfficialsList({ officials, extra }: { officials: OfficialView[]; extra?: (o: OfficialView) => ReactNode }) {
  return (
    <List<OfficialView>
      size="small"
      dataSource={officials}
      data-testid="access-officials"
      renderItem={(o) => (
        <List.Item extra={extra?.(o)} data-testid="access-official" data-official-id={o.id}>
          <Space wrap size={8}>
            <Typography.Text strong>{o.name}</Typography.Text>
            <Typography.Text code data-testid="access-official-id-masked">
              {o.idNumberMasked}
            </Typography.Text>
            {o.workCertificateNo ? <Typography.Text type="secondary">{o.workCertificateNo}</Typography.Text> : null}
          </Space>
        </List.Item>
      )}
    />
  );
}

export function FlagTags({ flags }: { flags: RegisterFlag[] }) {
  const { t, pick, lang } = useI18n();
  if (!flags.length) return <Typography.Text type="secondary">{t('access.register.noFlags')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      {flags.map((f) => (
        <Tooltip key={f.code} title={f.article ? articleShort(f.article, lang) : undefined}>
          <Tag color="red" data-testid="register-flag" data-flag={f.code}>
            {pick(f.zh, f.en) || flagLabel(t, f.code)}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
