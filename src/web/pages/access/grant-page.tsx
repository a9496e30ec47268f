// 访问授权: the signed grant for the VMS operator — what it allows (cameras, window, action, persons, expiry), the
// file to download and load into the VMS, and a QR code: the whole signed grant when it fits (verifiable offline
// with the pinned key), otherwise the address of the file.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, List, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { getGrantFile, grantFilePath } from '../../api/access-endpoints';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { grantFileName, grantQrPayload, grantValidity } from './access-logic';
import { ActionTag, Article, FreeTag, kindLabel } from './access-shared';

function QrImage({ text, testId }: { text: string; testId: string }) {
  const [src, setSrc] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then(
      (svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [text]);
  if (failed) return null;
  return src ? <img src={src} alt="QR" data-testid={testId} style={{ width: '100%', maxWidth: 320, imageRendering: 'pixelated' }} /> : <Skeleton.Image active />;
}

export default function GrantPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const file = useAsync(() => getGrantFile(id), [id]);
  const f = file.data;
  const json = useMemo(() => (f ? JSON.stringify(f, null, 2) : ''), [f]);
  const qr = useMemo(() => (f ? grantQrPayload(f, new URL(grantFilePath(f.grant.id), window.location.origin).toString()) : null), [f]);

  if (file.loading && !f) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!f) {
    if (file.error instanceof ApiError && (file.error.status === 404 || file.error.status === 403)) {
      return <Result status="404" title={t('access.detail.notFound')} extra={<Link to="/access/requests">{t('common.back')}</Link>} />;
    }
    return <ErrorAlert error={file.error} />;
  }
  const g = f.grant;
  const validity = grantValidity(g, new Date());

  const download = () => {
    const blob = new Blob([json + '\n'], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = grantFileName(f);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div data-testid="grant-page" data-grant-id={g.id}>
      <PageTitle
        title={
          <Space wrap>
            {t('access.grant.title')}
            <Tag color={validity === 'valid' ? 'green' : 'default'} data-testid="grant-validity" data-validity={validity}>
              {t(validity === 'valid' ? 'access.grant.valid' : validity === 'expired' ? 'access.grant.expired' : 'access.grant.notYet')}
            </Tag>
            <FreeTag free={g.free} />
          </Space>
        }
        sub={t('access.grant.sub')}
        extra={
          <>
            <Link to={`/access/requests/${encodeURIComponent(g.requestId)}`}>
              <Button>{t('access.grant.request')}</Button>
            </Link>
            <Button type="primary" icon={<DownloadOutlined />} onClick={download} data-testid="grant-download">
              {t('access.grant.download')}
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" data-testid="grant-particulars">
              <Descriptions.Item label={t('access.grant.id')}>
                <Typography.Text copyable code data-testid="grant-id">
                  {g.id}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('access.detail.basis')}>
                <Article article={g.basis} />
              </Descriptions.Item>
              <Descriptions.Item label={t('access.col.organisation')}>
                {g.organisation} · {kindLabel(t, g.requesterKind)}
              </Descriptions.Item>
              <Descriptions.Item label={t('access.col.action')}>
                <ActionTag action={g.action} />
              </Descriptions.Item>
              <Descriptions.Item label={t('access.grant.site')}>{g.site.name}</Descriptions.Item>
              <Descriptions.Item label={t('access.col.window')}>
                {formatDateTime(g.window.from)} – {formatDateTime(g.window.to)}
              </Descriptions.Item>
              <Descriptions.Item label={t('access.grant.issuedAt')}>{formatDateTime(g.issuedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('access.grant.expiresAt')}>{formatDateTime(g.expiresAt)}</Descriptions.Item>
              <Descriptions.Item label={t('access.grant.issuer')}>{g.issuer}</Descriptions.Item>
              <Descriptions.Item label={t('access.grant.alg')}>
                {f.signature.alg} · {f.signature.keyId}
              </Descriptions.Item>
              <Descriptions.Item label={t('access.col.purpose')}>{g.purpose}</Descriptions.Item>
              {g.destination ? <Descriptions.Item label={t('access.form.destination')}>{g.destination}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
          <Card size="small" title={`${t('access.detail.officials')} · ${t('access.detail.officialsRequired', { n: g.officialsRequired })}`} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={g.officials}
              data-testid="grant-officials"
              renderItem={(o) => (
                <List.Item data-testid="grant-official" data-official-id={o.id}>
                  <Space wrap>
                    <Typography.Text strong>{o.name}</Typography.Text>
                    <Typography.Text code>{o.idNumberMasked}</Typography.Text>
                    {o.workCertificateNo ? <Typography.Text type="secondary">{o.workCertificateNo}</Typography.Text> : null}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={t('access.detail.cameras')} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={g.cameras}
              data-testid="grant-cameras"
              renderItem={(c) => (
                <List.Item data-testid="grant-camera" data-device-code={c.deviceCode ?? ''}>
                  <Space wrap>
                    {c.name}
                    {c.deviceCode ? <Typography.Text type="secondary">{c.deviceCode}</Typography.Text> : null}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          {g.duties.length ? (
            <Card size="small" title={t('access.detail.duties')} style={{ marginBottom: 16 }}>
              <Space wrap>
                {g.duties.map((d) => (
                  <Tag key={d.code}>
                    {d.code} <Article article={d.article} />
                  </Tag>
                ))}
              </Space>
            </Card>
          ) : null}
          <Card size="small" title={t('access.grant.json')}>
            <pre data-testid="grant-json" style={{ maxHeight: 320, overflow: 'auto', fontSize: 12, margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {json}
            </pre>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('access.grant.qr')}>
            {qr ? (
              <>
                <div style={{ textAlign: 'center' }}>
                  <QrImage text={qr.text} testId="grant-qr" />
                </div>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="grant-qr-kind" data-kind={qr.kind}>
                  {qr.kind === 'file' ? t('access.grant.qrFile') : t('access.grant.qrUrl')}
                </Typography.Paragraph>
                {qr.kind === 'url' ? (
                  <Typography.Text copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>
                    {qr.text}
                  </Typography.Text>
                ) : null}
              </>
            ) : null}
            <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('access.grant.verifyHelp')} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
