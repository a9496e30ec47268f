// Public complaint and report form (art. 30): no sign-in, anonymous allowed; on success the tracking
// number and the access code, shown this once.
import { useState } from 'react';
import { Alert, Button, Card, Cascader, Descriptions, Form, Input, Radio, Result, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { fetchDivisions } from '../../api/endpoints';
import { useNotifyError } from '../../components/api-error';
import { localiseDivisions } from '../../components/divisions';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { submitComplaint, type SubmitBody, type Submitted } from './complaints-api';
import { AuthorityText } from './complaints-shared';

interface FormValues extends Omit<SubmitBody, 'divisionCode'> {
  division: string[];
}

export default function ComplaintFormPage() {
  const { t, lang } = useI18n();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Submitted | null>(null);
  const divisions = useAsync(fetchDivisions, []);
  const subjectKind = Form.useWatch('subjectKind', form);

  const onFinish = async (v: FormValues) => {
    setBusy(true);
    try {
      const { division, ...rest } = v;
      setDone(await submitComplaint({ ...rest, divisionCode: division[division.length - 1]! }));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div style={{ maxWidth: 640, margin: '0 auto' }}>
        <Result
          status="success"
          title={t('complaints.done.title')}
          subTitle={<Alert type="warning" showIcon title={t('complaints.done.keep')} />}
          extra={<Link to={`/complaints/status?tracking=${encodeURIComponent(done.trackingNumber)}`} data-testid="complaint-check-link">{t('complaints.done.check')}</Link>}
        >
          <Descriptions column={1} bordered size="small" data-testid="complaint-receipt">
            <Descriptions.Item label={t('complaints.done.tracking')}>
              <Typography.Text copyable strong data-testid="complaint-tracking">{done.trackingNumber}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.done.code')}>
              <Typography.Text copyable strong code data-testid="complaint-code">{done.accessCode}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.done.authority')}>
              <AuthorityText authority={done.authority} />
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.done.ackDue')}>
              <span data-testid="complaint-ack-due">{formatDate(done.acknowledgeDue)}</span>
            </Descriptions.Item>
          </Descriptions>
        </Result>
      </div>
    );
  }

  const required = [{ required: true, whitespace: true, message: t('complaints.form.required') }];
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('complaints.form.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('complaints.form.intro')} <Link to="/complaints/status">{t('menu.complaintStatus')}</Link>
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ kind: 'report', subjectKind: 'place' }} data-testid="complaint-form">
          <Form.Item name="kind" label={t('complaints.form.kind')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={(['report', 'complaint'] as const).map((k) => ({ value: k, label: t(`complaints.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="subjectKind" label={t('complaints.form.subjectKind')} rules={[{ required: true }]}>
            <Radio.Group options={(['place', 'company', 'official'] as const).map((k) => ({ value: k, label: t(`complaints.subject.${k}`) }))} />
          </Form.Item>
          <Form.Item name="subjectName" label={t('complaints.form.subjectName')} extra={t('complaints.form.subjectNameHelp')} rules={required}>
            <Input maxLength={200} data-testid="complaint-subject" />
          </Form.Item>
          <Form.Item name="division" label={t('complaints.form.division')} extra={t('complaints.form.divisionHelp')} rules={[{ required: true, message: t('complaints.form.required') }]}>
            <Cascader options={localiseDivisions(divisions.data ?? [], lang === 'en')} changeOnSelect showSearch loading={divisions.loading} data-testid="complaint-division" />
          </Form.Item>
          {subjectKind === 'company' ? (
            <Form.Item name="certificateNumber" label={t('complaints.form.certificate')}>
              <Input maxLength={64} />
            </Form.Item>
          ) : null}
          <Form.Item
            name="content"
            label={t('complaints.form.content')}
            extra={t('complaints.form.contentHelp')}
            rules={[...required, { min: 10, message: t('complaints.form.contentTooShort') }]}
          >
            <Input.TextArea rows={6} maxLength={5000} showCount data-testid="complaint-content" />
          </Form.Item>
          <Typography.Title level={5}>{t('complaints.form.identity')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('complaints.form.identityHelp')}</Typography.Paragraph>
          <Form.Item name="name" label={t('complaints.form.name')}>
            <Input maxLength={100} autoComplete="name" data-testid="complaint-name" />
          </Form.Item>
          <Form.Item name="contact" label={t('complaints.form.contact')}>
            <Input maxLength={100} autoComplete="tel" data-testid="complaint-contact" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block size="large" data-testid="complaint-submit">
            {t('complaints.form.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
