// One rectification order: the items, the time limit (days left, provisional), the unit's report,
// the re-inspection, photos and the ledger timeline.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Input, List, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { useSession } from '../../auth/session-context';
import { isOfficer } from '../../auth/roles';
import type { MessageKey } from '../../i18n/translate';
import { getOrder, reportCorrection, uploadCorrectionPhoto, verifyCorrection, type OrderDetail, type Photo } from './inspections-api';
import { LedgerTimeline, OrderStatusTag } from './inspections-shared';

function Due({ o }: { o: OrderDetail }) {
  const { t } = useI18n();
  const d = o.deadline;
  return (
    <Space size={4} wrap data-testid="order-due" data-due={o.dueDate}>
      <span>{formatDate(o.dueDate)}</span>
      <Tag>{`${o.days} ${t(`insp.dayKind.${o.dayKind}` as MessageKey)}`}</Tag>
      {d && d.daysLeft !== null && !d.overdue ? (
        <Tag color="blue" data-testid="order-days-left" data-days-left={d.daysLeft}>
          {t('order.daysLeft', { n: d.daysLeft, kind: t(`insp.dayKind.${o.dayKind}` as MessageKey) })}
        </Tag>
      ) : null}
      {(d?.overdue || o.status === 'lapsed') ? <Tag color="red" data-testid="order-overdue">{t('order.overdue')}</Tag> : null}
      {d?.provisional ? (
        <Tooltip title={t('order.provisionalHelp')}>
          <Tag variant="outlined" data-testid="order-provisional">
            {t('order.provisional')}
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

export default function OrderPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const notify = useNotifyError();
  const loaded = useAsync(() => getOrder(id), [id]);
  const [o, setO] = useState<OrderDetail | undefined>();
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setO(loaded.data), [loaded.data]);

  const act = async (fn: () => Promise<OrderDetail>) => {
    setBusy(true);
    try {
      setO(await fn());
      setNote('');
    } catch (err) {
      notify(err);
    } finally {
      setBusy(false);
    }
  };
  const upload = async (file: File) => {
    try {
      setPhoto(await uploadCorrectionPhoto(id, file));
    } catch (err) {
      notify(err);
    }
  };

  return (
    <div style={{ maxWidth: 860, margin: '0 auto' }} data-testid="order-page">
      <PageTitle title={o ? <span data-testid="order-number">{o.displayNumber}</span> : t('order.title')} sub={o?.number} />
      <ErrorAlert error={loaded.error} />
      {o ? (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          {o.failed ? (
            <Alert
              type="error"
              showIcon
              title={t('order.failed')}
              data-testid="order-failed"
              // Art. 32–34 fine only after a failed correction: the case starts from this order.
              action={
                isOfficer(user?.role) ? (
                  <Link to={`/penalty-cases/new?order=${encodeURIComponent(o.id)}`} data-testid="order-open-case">
                    {t('order.openCase')}
                  </Link>
                ) : null
              }
            />
          ) : null}
          <Card size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('insp.status')}>
                <OrderStatusTag status={o.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('order.site')}>{o.site.name}</Descriptions.Item>
              <Descriptions.Item label={t('order.issuer')}>{o.policeUnit.name}</Descriptions.Item>
              <Descriptions.Item label={t('order.issuedOn')}>{formatDate(o.issuedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('order.due')}>
                <Due o={o} />
              </Descriptions.Item>
              <Descriptions.Item label={t('insp.title')}>
                <Link to={`/inspections/${o.inspectionId}`}>{t('insp.open')}</Link>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('order.items')}>
            <List
              size="small"
              dataSource={o.items}
              data-testid="order-items"
              renderItem={(i) => (
                <List.Item data-testid="order-item" data-article={i.article}>
                  <Tag>§{i.article}</Tag> {t('insp.item', { n: i.item })}：{i.problem}
                </List.Item>
              )}
            />
          </Card>
          {o.report ? (
            <Card size="small" title={t('order.reported')}>
              <Typography.Paragraph data-testid="order-report">{o.report.note}</Typography.Paragraph>
              <Typography.Text type="secondary">{formatDate(o.report.reportedOn)}</Typography.Text>
              {o.report.late ? <Tag color="red" style={{ marginInlineStart: 8 }}>{t('order.late')}</Tag> : null}
              {o.photos.map((p) => (
                <div key={p.id}>
                  <img src={p.url} alt={p.fileName} style={{ maxWidth: '100%', maxHeight: 200, marginTop: 8 }} />
                </div>
              ))}
            </Card>
          ) : null}
          {o.verification ? (
            <Card size="small" title={t('order.verification')}>
              <Typography.Text>{formatDate(o.verification.verifiedOn)}</Typography.Text> {o.verification.note}
            </Card>
          ) : null}
          {o.actions.includes('report') ? (
            <Card size="small" title={t('order.report')} data-testid="order-report-card">
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea placeholder={t('order.reportNote')} value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 3 }} maxLength={2000} data-testid="order-report-note" />
                <Flex gap={8} wrap align="center">
                  <Upload accept="image/png,image/jpeg" capture="environment" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
                    <Button icon={<CameraOutlined />} data-testid="order-report-photo">
                      {t('order.reportPhoto')}
                    </Button>
                  </Upload>
                  {photo ? <Tag color="green">{photo.fileName}</Tag> : null}
                </Flex>
                <Button type="primary" disabled={!note.trim()} loading={busy} onClick={() => void act(() => reportCorrection(o, note, photo?.id))} data-testid="order-report-submit">
                  {t('order.reportSubmit')}
                </Button>
              </Space>
            </Card>
          ) : null}
          {o.actions.includes('verify') ? (
            <Card size="small" title={t('order.verify')} data-testid="order-verify-card">
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea placeholder={t('order.verifyNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} data-testid="order-verify-note" />
                <Flex gap={8} wrap>
                  <Button type="primary" loading={busy} onClick={() => void act(() => verifyCorrection(o, true, note || undefined))} data-testid="order-verify-corrected">
                    {t('order.verifyCorrected')}
                  </Button>
                  <Button danger loading={busy} disabled={!note.trim()} onClick={() => void act(() => verifyCorrection(o, false, note))} data-testid="order-verify-failed">
                    {t('order.verifyFailed')}
                  </Button>
                </Flex>
              </Space>
            </Card>
          ) : null}
          <Card size="small" title={t('order.timeline')}>
            <LedgerTimeline entries={o.timeline} testId="order-timeline" />
          </Card>
        </Space>
      ) : null}
    </div>
  );
}
