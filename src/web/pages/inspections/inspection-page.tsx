// The inspector's checklist of art. 29 (1)–(6), built for a phone (390 px): one card per item,
// pre-filled from the registry's findings, confirmed one by one; photos from the camera; then
// completion and, for the problems found, the rectification order.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Flex, Input, InputNumber, Radio, Select, Space, Tag, Typography, Upload } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { ruleLabel } from '../../components/registry-labels';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import {
  completeInspection,
  getInspection,
  issueOrder,
  recordItem,
  uploadInspectionPhoto,
  type ChecklistEntry,
  type InspectionDetail,
  type ItemResult,
} from './inspections-api';
import { prefillDetail } from './inspections-logic';
import { InspectionStatusTag, LedgerTimeline } from './inspections-shared';

function ItemCard({ ins, entry, onSaved }: { ins: InspectionDetail; entry: ChecklistEntry; onSaved: (d: InspectionDetail) => void }) {
  const { t, lang } = useI18n();
  const notify = useNotifyError();
  const editable = ins.actions.includes('record');
  const [result, setResult] = useState<ItemResult>(entry.result !== 'pending' ? entry.result : (entry.suggested ?? 'pending'));
  const [observation, setObservation] = useState(entry.observation ?? '');
  const [article, setArticle] = useState(entry.article ?? '');
  const [busy, setBusy] = useState(false);
  const n = entry.item;
  const save = async () => {
    if (result === 'pending') return;
    setBusy(true);
    try {
      onSaved(await recordItem(ins.id, n, { result, observation: observation || null, article: result === 'problem' ? article || null : null }));
    } catch (err) {
      notify(err);
    } finally {
      setBusy(false);
    }
  };
  const upload = async (file: File) => {
    try {
      await uploadInspectionPhoto(ins.id, file, n);
      onSaved(await getInspection(ins.id));
    } catch (err) {
      notify(err);
    }
  };
  return (
    <Card size="small" data-testid={`checklist-item-${n}`} data-result={entry.result} title={<span style={{ whiteSpace: 'normal' }}>{t('insp.item', { n })} {lang === 'en' ? entry.en : entry.zh}</span>}>
      {entry.suggested ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid={`item-suggested-${n}`}
          title={t('insp.suggested')}
          description={
            // The findings in words (rule label, then the registry's detail, e.g. "设定存储 15 天，少于 30 天"),
            // not the rule codes: the inspector reads this on site.
            <Space direction="vertical" size={2}>
              <span>{t('insp.prefill')}</span>
              {entry.prefill.map((f) => (
                <span key={f.findingId} data-testid="item-prefill" data-rule={f.rule} data-article={f.article}>
                  {ruleLabel(t, f.rule)}
                  {prefillDetail(f.detail, lang) ? `：${prefillDetail(f.detail, lang)}` : ''}（§{f.article}）
                </span>
              ))}
            </Space>
          }
        />
      ) : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group
          value={result}
          disabled={!editable}
          onChange={(e) => setResult(e.target.value as ItemResult)}
          optionType="button"
          buttonStyle="solid"
          data-testid={`item-result-${n}`}
          options={(['ok', 'problem', 'na'] as const).map((r) => ({ value: r, label: <span data-testid={`item-result-${n}-${r}`}>{t(`insp.result.${r}` as MessageKey)}</span> }))}
        />
        {result === 'problem' ? (
          <Input addonBefore={t('insp.article')} value={article} disabled={!editable} onChange={(e) => setArticle(e.target.value)} maxLength={20} data-testid={`item-article-${n}`} />
        ) : null}
        <Input.TextArea placeholder={t('insp.observation')} value={observation} disabled={!editable} onChange={(e) => setObservation(e.target.value)} autoSize={{ minRows: 2 }} maxLength={2000} data-testid={`item-observation-${n}`} />
        {ins.photos.filter((p) => p.item === n).map((p) => (
          <a key={p.id} href={p.url} target="_blank" rel="noreferrer" data-testid="item-photo">
            <img src={p.url} alt={p.fileName} style={{ maxWidth: '100%', maxHeight: 160 }} />
          </a>
        ))}
        {editable ? (
          <Flex gap={8} wrap>
            <Button type="primary" onClick={() => void save()} loading={busy} disabled={result === 'pending'} data-testid={`item-save-${n}`}>
              {t('insp.saveItem')}
            </Button>
            <Upload accept="image/png,image/jpeg" capture="environment" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
              <Button icon={<CameraOutlined />} data-testid={`item-photo-${n}`}>
                {t('insp.photo')}
              </Button>
            </Upload>
            {entry.result !== 'pending' ? <Tag color="green" data-testid={`item-saved-${n}`}>{t('insp.saved')}: {t(`insp.result.${entry.result}` as MessageKey)}</Tag> : null}
          </Flex>
        ) : (
          <Tag>{t(`insp.result.${entry.result}` as MessageKey)}</Tag>
        )}
      </Space>
    </Card>
  );
}

function OrderForm({ ins, onIssued }: { ins: InspectionDetail; onIssued: (orderId: string) => void }) {
  const { t } = useI18n();
  const notify = useNotifyError();
  const problems = ins.checklist.filter((e) => e.result === 'problem');
  const [items, setItems] = useState<number[]>(problems.map((e) => e.item));
  const [days, setDays] = useState(10);
  const [dayKind, setDayKind] = useState<'working' | 'calendar'>('working');
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    setBusy(true);
    try {
      const o = await issueOrder(ins.id, { items: items.map((item) => ({ item })), dayKind, days });
      onIssued(o.id);
    } catch (err) {
      notify(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('insp.issueOrder')} data-testid="order-issue-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t('insp.orderItems')}</Typography.Text>
        <Checkbox.Group value={items} onChange={(v) => setItems(v as number[])} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          {problems.map((e) => (
            <Checkbox key={e.item} value={e.item} data-testid={`order-item-${e.item}`}>
              {t('insp.item', { n: e.item })} §{e.article}：{e.observation}
            </Checkbox>
          ))}
        </Checkbox.Group>
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('insp.orderDays')}</Typography.Text>
          <InputNumber min={1} max={180} value={days} onChange={(v) => setDays(Number(v) || 10)} data-testid="order-days" />
          <Select
            value={dayKind}
            onChange={setDayKind}
            style={{ width: 110 }}
            data-testid="order-day-kind"
            options={(['working', 'calendar'] as const).map((k) => ({ value: k, label: t(`insp.dayKind.${k}` as MessageKey) }))}
          />
        </Flex>
        <Button type="primary" danger onClick={() => void issue()} loading={busy} disabled={items.length === 0} data-testid="order-issue-submit">
          {t('insp.issue')}
        </Button>
      </Space>
    </Card>
  );
}

export default function InspectionPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const notify = useNotifyError();
  const loaded = useAsync(() => getInspection(id), [id]);
  const [ins, setIns] = useState<InspectionDetail | undefined>();
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setIns(loaded.data), [loaded.data]);

  const complete = async () => {
    setBusy(true);
    try {
      setIns(await completeInspection(id, summary || undefined));
    } catch (err) {
      notify(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }} data-testid="inspection-page">
      <PageTitle title={ins ? `${ins.site.name}` : t('insp.title')} sub={ins?.number} />
      <ErrorAlert error={loaded.error} />
      {ins ? (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('insp.status')}>
                <InspectionStatusTag status={ins.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('insp.kind')}>
                {t(`insp.kind.${ins.kind}` as MessageKey)} · {t(`insp.reason.${ins.reasonKind}` as MessageKey)}
              </Descriptions.Item>
              {ins.reasonNote ? <Descriptions.Item label={t('insp.reasonNote')}>{ins.reasonNote}</Descriptions.Item> : null}
              <Descriptions.Item label={t('insp.inspectors')}>{ins.inspectors.map((p) => p.name).join('、')}</Descriptions.Item>
              {ins.completedOn ? <Descriptions.Item label={t('insp.completedOn')}>{formatDate(ins.completedOn)}</Descriptions.Item> : null}
              {ins.summary ? <Descriptions.Item label={t('insp.summary')}>{ins.summary}</Descriptions.Item> : null}
              {ins.order ? (
                <Descriptions.Item label={t('insp.order')}>
                  <Link to={`/rectification-orders/${ins.order.id}`} data-testid="inspection-order-link">
                    {ins.order.displayNumber}
                  </Link>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('insp.checklist')}
          </Typography.Title>
          {ins.checklist.map((e) => (
            <ItemCard key={`${e.item}-${e.recordedAt ?? ''}`} ins={ins} entry={e} onSaved={setIns} />
          ))}
          {ins.actions.includes('complete') ? (
            <Card size="small">
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea placeholder={t('insp.summary')} value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={2000} data-testid="inspection-summary" />
                <Button type="primary" block onClick={() => void complete()} loading={busy} data-testid="inspection-complete">
                  {t('insp.complete')}
                </Button>
              </Space>
            </Card>
          ) : null}
          {ins.actions.includes('issue-order') ? <OrderForm ins={ins} onIssued={(orderId) => navigate(`/rectification-orders/${orderId}`)} /> : null}
          <Card size="small" title={t('insp.timeline')}>
            <LedgerTimeline entries={ins.timeline} testId="inspection-timeline" />
          </Card>
        </Space>
      ) : null}
    </div>
  );
}
