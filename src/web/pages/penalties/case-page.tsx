// The case file: facts, parties with their ranges and bands, the periods, evidence and papers, the
// publication, the ledger timeline, and exactly the steps the server offers this user.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Flex, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router-dom';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { roleLabel } from '../../components/labels';
import { formatDate, formatDateTime } from '../../dates';
import { formatArticle } from '../../i18n/article';
import { useI18n } from '../../i18n/i18n-context';
import { isMessageKey, type MessageKey } from '../../i18n/translate';
import { articleRef, CaseStatusTag } from './cases-page';
import { assess, caseStep, getCase, uploadCaseDocument, type Assessment, type CaseAction, type CaseDetail, type PartyDetail } from './penalties-api';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
/** A label from the dictionary, or the raw value for one a newer server sends that has none yet. */
const labelOr = (t: T, key: string, raw: string): string => (isMessageKey(key) ? t(key) : raw);


const yuan = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `¥${n.toLocaleString('zh-CN')}`);

/** One amount with its live assessment: range, band, whether a hearing notice is due. */
function AmountField({ c, party, index, value, onChange, onAssessed }: { c: CaseDetail; party: PartyDetail; index: number; value: number | null; onChange: (v: number | null) => void; onAssessed: (a: Assessment | null) => void }) {
  const { t } = useI18n();
  const [a, setA] = useState<Assessment | null>(null);
  useEffect(() => {
    if (value === null || value === undefined) {
      setA(null);
      onAssessed(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      assess({ article: c.penaltyArticle, partyType: party.partyType, amount: value, serious: c.serious }).then(
        (r) => {
          if (!live) return;
          setA(r);
          onAssessed(r);
        },
        () => undefined,
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, party.id]);
  return (
    <div style={{ marginBottom: 12 }} data-testid={`amount-row-${index}`}>
      <Typography.Text strong>{`${t(`pen.partyType.${party.partyType}` as MessageKey)}：${party.name}`}</Typography.Text>
      <div>
        <InputNumber<number> min={0} step={100} value={value ?? undefined} onChange={(v) => onChange(v ?? null)} style={{ width: 180 }} addonAfter="元" data-testid={`amount-${index}`} />
        {party.range ? (
          <Tag style={{ marginInlineStart: 8 }} data-testid={`amount-range-${index}`} data-min={party.range.min} data-max={party.range.max}>
            {t('pen.range')} {t('pen.rangeValue', { min: party.range.min, max: party.range.max })}
          </Tag>
        ) : null}
        {a?.band ? (
          <Tag color="blue" data-testid={`amount-band-${index}`} data-band={a.band}>
            {t('pen.band')}：{t(`pen.band.${a.band}` as MessageKey)}
          </Tag>
        ) : null}
        {a && !a.ok ? (
          <Tag color="red" data-testid={`amount-refused-${index}`}>
            {t('pen.outOfRange', { article: c.penaltyArticle })}
          </Tag>
        ) : null}
      </div>
    </div>
  );
}

function AmountsForm({ c, amounts, setAmounts, base }: { c: CaseDetail; amounts: Record<string, number | null>; setAmounts: (a: Record<string, number | null>) => void; base: 'proposed' | 'decided' }) {
  const { t } = useI18n();
  const [assessed, setAssessed] = useState<Record<string, Assessment | null>>({});
  const parties = c.partiesDetail.filter((p) => p.range && (base === 'proposed' || p.proposedYuan !== null));
  const hearing = Object.values(assessed).some((a) => a?.hearingDue);
  const any = Object.values(assessed).some((a) => a);
  return (
    <>
      {parties.map((p, i) => (
        <AmountField
          key={p.id}
          c={c}
          party={p}
          index={i}
          value={amounts[p.id] ?? null}
          onChange={(v) => setAmounts({ ...amounts, [p.id]: v })}
          onAssessed={(a) => setAssessed((s) => ({ ...s, [p.id]: a }))}
        />
      ))}
      {base === 'proposed' && any ? (
        <Alert
          type={hearing ? 'warning' : 'info'}
          showIcon
          data-testid="hearing-notice"
          data-due={hearing ? 'true' : 'false'}
          title={hearing ? t('pen.hearingDue') : t('pen.hearingNotDue')}
          description={t('pen.hearingThresholds', { unit: c.hearingThresholds.unit, individual: c.hearingThresholds.individual })}
        />
      ) : null}
    </>
  );
}

interface StepForm {
  text: string;
  waive: boolean;
  date: Dayjs | null;
  method: string;
  first: boolean;
  paid: number | null;
  ref: string;
}

const EMPTY: StepForm = { text: '', waive: false, date: dayjs(), method: 'direct', first: true, paid: null, ref: '' };

function ActionDialog({ c, action, onClose, onDone }: { c: CaseDetail; action: CaseAction | null; onClose: () => void; onDone: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const notify = useNotifyError();
  const [busy, setBusy] = useState(false);
  const [f, setF] = useState<StepForm>(EMPTY);
  const [amounts, setAmounts] = useState<Record<string, number | null>>({});
  useEffect(() => {
    setF({ ...EMPTY, paid: c.partiesDetail.reduce((s, p) => s + (p.decidedYuan ?? 0) + (p.confiscationYuan ?? 0), 0) });
    setAmounts(Object.fromEntries(c.partiesDetail.map((p) => [p.id, action === 'decide' ? p.proposedYuan : null])));
  }, [action, c]);
  if (!action) return null;
  const date = f.date ? f.date.format('YYYY-MM-DD') : undefined;
  const amountList = () => Object.entries(amounts).filter(([, v]) => v !== null && v !== undefined).map(([partyId, fineYuan]) => ({ partyId, fineYuan: fineYuan as number }));
  const body = (): Record<string, unknown> => {
    switch (action) {
      case 'warn':
        return { warnedOn: date };
      case 'propose':
        return { amounts: amountList(), ...(f.text ? { reasons: f.text } : {}) };
      case 'decide':
        return { amounts: amountList(), reasons: f.text };
      case 'respond':
        return f.waive ? { waive: true } : { statement: f.text };
      case 'request-hearing':
        return f.text ? { statement: f.text } : {};
      case 'hold-hearing':
        return { heldOn: date, record: f.text };
      case 'no-penalty':
        return { firstViolation: f.first, correctedOn: date, reasons: f.text };
      case 'serve':
        return { servedOn: date, method: f.method };
      case 'pay':
        return { paidOn: date, paidYuan: f.paid ?? 0, paymentRef: f.ref };
      default:
        return {};
    }
  };
  const submit = async () => {
    setBusy(true);
    try {
      onDone(await caseStep(c, action, body()));
    } catch (err) {
      notify(err);
    } finally {
      setBusy(false);
    }
  };
  const needsText = ['propose', 'decide', 'respond', 'request-hearing', 'hold-hearing', 'no-penalty'].includes(action);
  const needsDate = ['warn', 'hold-hearing', 'no-penalty', 'serve', 'pay'].includes(action);
  const dateLabel: Record<string, MessageKey> = { warn: 'pen.warnedOn', 'hold-hearing': 'pen.heldOn', 'no-penalty': 'pen.correctedOn', serve: 'pen.servedOn', pay: 'pen.paidOn' };
  return (
    <Modal open title={t(`pen.act.${action}` as MessageKey)} onCancel={onClose} onOk={submit} confirmLoading={busy} okButtonProps={{ 'data-testid': 'action-submit' } as never} width={640} destroyOnHidden>
      {action === 'propose' || action === 'decide' ? <AmountsForm c={c} amounts={amounts} setAmounts={setAmounts} base={action === 'propose' ? 'proposed' : 'decided'} /> : null}
      {action === 'no-penalty' ? (
        <>
          <Alert type="info" showIcon title={t('pen.noPenaltyHelp')} style={{ marginBottom: 12 }} />
          <Checkbox checked={f.first} onChange={(e) => setF({ ...f, first: e.target.checked })} data-testid="no-penalty-first">
            {t('pen.firstViolation')}
          </Checkbox>
        </>
      ) : null}
      {action === 'respond' ? (
        <Checkbox checked={f.waive} onChange={(e) => setF({ ...f, waive: e.target.checked })} data-testid="respond-waive" style={{ marginBottom: 8 }}>
          {t('pen.waive')}
        </Checkbox>
      ) : null}
      {needsDate ? (
        <div style={{ margin: '8px 0' }}>
          <Typography.Text>{t(dateLabel[action]!)}</Typography.Text>
          <DatePicker value={f.date} onChange={(d) => setF({ ...f, date: d })} style={{ marginInlineStart: 8 }} data-testid="action-date" />
        </div>
      ) : null}
      {action === 'serve' ? (
        <Select
          value={f.method}
          onChange={(m) => setF({ ...f, method: m })}
          style={{ width: 200 }}
          data-testid="serve-method"
          options={['direct', 'left_at_address', 'post', 'electronic', 'announcement'].map((m) => ({ value: m, label: t(`pen.method.${m}` as MessageKey) }))}
        />
      ) : null}
      {action === 'pay' ? (
        <Space direction="vertical">
          <InputNumber<number> value={f.paid ?? undefined} onChange={(v) => setF({ ...f, paid: v ?? null })} addonBefore={t('pen.paidYuan')} data-testid="pay-amount" />
          <Input value={f.ref} onChange={(e) => setF({ ...f, ref: e.target.value })} placeholder={t('pen.paymentRef')} maxLength={100} data-testid="pay-ref" />
        </Space>
      ) : null}
      {needsText && !(action === 'respond' && f.waive) ? (
        <Input.TextArea
          rows={4}
          value={f.text}
          onChange={(e) => setF({ ...f, text: e.target.value })}
          placeholder={t(action === 'respond' || action === 'request-hearing' ? 'pen.statement' : action === 'hold-hearing' ? 'pen.hearingRecord' : 'pen.reasons')}
          maxLength={5000}
          data-testid="action-text"
          style={{ marginTop: 8 }}
        />
      ) : null}
    </Modal>
  );
}

export default function CasePage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const notify = useNotifyError();
  const loaded = useAsync(() => getCase(id), [id]);
  const [c, setC] = useState<CaseDetail | undefined>();
  const [action, setAction] = useState<CaseAction | null>(null);
  const [docClass, setDocClass] = useState('evidence');
  useEffect(() => setC(loaded.data), [loaded.data]);
  if (!c) return <ErrorAlert error={loaded.error} />;

  const oneStep = async (a: CaseAction) => {
    if (a === 'publish' || a === 'close') {
      try {
        setC(await caseStep(c, a));
      } catch (err) {
        notify(err);
      }
      return;
    }
    setAction(a);
  };

  return (
    <div data-testid="case-page" data-case-id={c.id} data-status={c.status}>
      <PageTitle
        title={
          <Space>
            <span data-testid="case-number">{c.number}</span>
            <CaseStatusTag status={c.status} />
          </Space>
        }
        sub={`${c.handlingUnit.name} · ${articleRef(lang, c.penaltyArticle, c.item)}`}
        extra={c.actions.map((a) => (
          <Button key={a} type={a === 'decide' || a === 'propose' || a === 'publish' ? 'primary' : 'default'} danger={a === 'no-penalty'} onClick={() => void oneStep(a)} data-testid={`action-${a}`}>
            {t(`pen.act.${a}` as MessageKey)}
          </Button>
        ))}
      />
      {c.status === 'notified' && !c.periodOver ? <Alert type="info" showIcon title={t('pen.periodRunning')} style={{ marginBottom: 16 }} data-testid="period-running" /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('pen.article')}>
                {`${articleRef(lang, c.penaltyArticle, c.item)}（${t(`pen.precondition.${c.precondition}` as MessageKey)}）`}
              </Descriptions.Item>
              <Descriptions.Item label={t('pen.violated')}>{articleRef(lang, c.violatedArticle)}</Descriptions.Item>
              <Descriptions.Item label={t('pen.source')}>{t(`pen.source.${c.source.kind}` as MessageKey)}</Descriptions.Item>
              {c.rectificationOrder ? (
                <Descriptions.Item label={t('pen.order')}>
                  <Space>
                    <span>{c.rectificationOrder.number}</span>
                    <span>{formatDate(c.rectificationOrder.dueDate)}</span>
                    <Tag color={c.rectificationOrder.failed ? 'red' : 'green'} data-testid="order-failed" data-failed={String(c.rectificationOrder.failed)}>
                      {t(c.rectificationOrder.failed ? 'pen.orderFailed' : 'pen.orderNotFailed')}
                    </Tag>
                  </Space>
                </Descriptions.Item>
              ) : null}
              {c.warningGivenOn ? <Descriptions.Item label={t('pen.act.warn')}>{t('pen.warningGiven', { date: formatDate(c.warningGivenOn) })}</Descriptions.Item> : null}
              <Descriptions.Item label={t('pen.facts')}>{c.facts}</Descriptions.Item>
              {c.serious ? <Descriptions.Item label={t('pen.serious')}><Tag color="red">{t('pen.serious')}</Tag></Descriptions.Item> : null}
              {c.noticeNumber ? (
                <Descriptions.Item label={t('pen.act.propose')}>
                  <Space>
                    {c.noticeNumber}
                    <Tag color={c.hearingDue ? 'orange' : 'default'} data-testid="case-hearing-due" data-due={String(c.hearingDue)}>
                      {t(c.hearingDue ? 'pen.hearingDue' : 'pen.hearingNotDue')}
                    </Tag>
                  </Space>
                </Descriptions.Item>
              ) : null}
              {c.statement ? <Descriptions.Item label={t('pen.statement')}>{c.statement}</Descriptions.Item> : null}
              {c.hearingRecord ? <Descriptions.Item label={t('pen.hearingRecord')}>{`${formatDate(c.hearingOn)} ${c.hearingRecord}`}</Descriptions.Item> : null}
              {c.decisionNumber ? (
                <Descriptions.Item label={t('pen.decisionNumber')}>
                  <Space>
                    <span data-testid="decision-number">{c.decisionNumber}</span>
                    {c.decisionPdfUrl ? <a href={c.decisionPdfUrl} data-testid="decision-pdf">{t('pen.decisionPdf')}</a> : null}
                  </Space>
                </Descriptions.Item>
              ) : null}
              {c.noPenaltyReasons ? <Descriptions.Item label={t('pen.act.no-penalty')}>{c.noPenaltyReasons}</Descriptions.Item> : null}
              {c.servedOn ? <Descriptions.Item label={t('pen.act.serve')}>{`${formatDate(c.servedOn)} ${c.serviceMethod ? t(`pen.method.${c.serviceMethod}` as MessageKey) : ''}`}</Descriptions.Item> : null}
              {c.paidOn ? <Descriptions.Item label={t('pen.act.pay')}>{`${formatDate(c.paidOn)} ${yuan(c.paidYuan)}`}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
          <Card title={t('pen.parties')} style={{ marginBottom: 16 }}>
            <Table<PartyDetail>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.partiesDetail}
              data-testid="case-parties"
              columns={[
                { title: t('pen.partyName'), render: (_, p) => <span data-testid="party-name">{`${p.name}（${t(`pen.partyType.${p.partyType}` as MessageKey)}）`}</span> },
                { title: t('pen.uscc'), render: (_, p) => p.uscc ?? p.idNumberMasked ?? '—' },
                { title: t('pen.range'), render: (_, p) => (p.range ? t('pen.rangeValue', { min: p.range.min, max: p.range.max }) : '—') },
                { title: t('pen.proposed'), render: (_, p) => <span data-testid="party-proposed">{yuan(p.proposedYuan)}</span> },
                { title: t('pen.decided'), render: (_, p) => <span data-testid="party-decided">{yuan(p.decidedYuan)}</span> },
                { title: t('pen.band'), render: (_, p) => (p.band ? <Tag data-testid="party-band" data-band={p.band}>{t(`pen.band.${p.band}` as MessageKey)}</Tag> : '—') },
              ]}
            />
          </Card>
          <Card
            title={t('pen.documents')}
            extra={
              c.status !== 'closed' && c.status !== 'no_penalty' ? (
                <Space>
                  <Select value={docClass} onChange={setDocClass} style={{ width: 140 }} options={['evidence', 'statement', 'hearing_record', 'service', 'other'].map((d) => ({ value: d, label: t(`pen.docClass.${d}` as MessageKey) }))} />
                  <Upload
                    showUploadList={false}
                    beforeUpload={(file) => {
                      uploadCaseDocument(c.id, docClass, file).then(() => loaded.reload(), notify);
                      return false;
                    }}
                  >
                    <Button icon={<UploadOutlined />} data-testid="case-upload">{t('pen.upload')}</Button>
                  </Upload>
                </Space>
              ) : null
            }
            style={{ marginBottom: 16 }}
          >
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.documents}
              columns={[
                { title: t('pen.docColumn'), render: (_, d) => labelOr(t, `pen.docClass.${d.docClass}`, d.docClass) },
                { title: t('pen.file'), render: (_, d) => <a href={d.downloadUrl}>{d.fileName}</a> },
                { title: t('pen.uploadedAt'), render: (_, d) => formatDateTime(d.uploadedAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('pen.deadlines')} style={{ marginBottom: 16 }}>
            <Flex vertical gap={6} data-testid="case-deadlines">
              {c.deadlines.map((d) => (
                <div key={d.id} data-testid="case-deadline" data-kind={d.kind} data-due={d.dueDate} data-overdue={String(d.overdue)} data-status={d.status}>
                  <Typography.Text>{labelOr(t, `pen.deadline.${d.kind}`, d.kind)}</Typography.Text> <Tag>{formatArticle(d.article, lang)}</Tag> <Tag>{formatDate(d.dueDate)}</Tag>
                  {d.status === 'closed' ? (
                    <Tag>{d.outcome ? labelOr(t, `deadlineOutcome.${d.outcome}`, d.outcome) : t('deadline.closed')}</Tag>
                  ) : d.overdue ? (
                    <Tag color="red">{t('pen.overdue')}</Tag>
                  ) : (
                    <Tag color="blue">{t(d.dayKind === 'working' ? 'deadline.leftWorking' : 'deadline.leftCalendar', { n: d.daysLeft ?? 0 })}</Tag>
                  )}
                </div>
              ))}
            </Flex>
          </Card>
          <Card title={t('pen.publications')} style={{ marginBottom: 16 }}>
            {c.publications.length === 0 ? '—' : null}
            {c.publications.map((p) => (
              <div key={p.id} data-testid="case-publication" data-kind={p.kind} data-status={p.status}>
                <Tag>{t(`pen.pubKind.${p.kind}` as MessageKey)}</Tag>
                <Tag color={p.status === 'published' ? 'green' : p.status === 'pending' ? 'gold' : 'default'}>{t(`pen.pubStatus.${p.status}` as MessageKey)}</Tag>
                {p.publishedOn ? `${formatDate(p.publishedOn)} – ${formatDate(p.publishUntil)}` : null}
              </div>
            ))}
          </Card>
          <Card title={t('pen.timeline')}>
            <Timeline
              data-testid="case-timeline"
              items={c.timeline.map((e) => ({
                key: e.seq,
                content: (
                  <div data-testid="timeline-entry" data-action={e.action}>
                    <Typography.Text strong>{labelOr(t, `pen.event.${e.action}`, e.action)}</Typography.Text>
                    {e.article ? <Tag style={{ marginInlineStart: 8 }}>{formatArticle(e.article, lang)}</Tag> : null}
                    <div>
                      <Typography.Text type="secondary">{`${formatDateTime(e.at)} · ${roleLabel(t, e.actorRole)}`}</Typography.Text>
                    </div>
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <ActionDialog
        c={c}
        action={action}
        onClose={() => setAction(null)}
        onDone={(next) => {
          setC(next);
          setAction(null);
        }}
      />
    </div>
  );
}
