// Testing institutions (art. 18): the province registers national or provincial accredited
// institutions with their accreditation number and validity; only accredited ones may be
// designated on a project or submit test reports.
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Radio, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { createInstitution, listInstitutions } from '../../api/projects-endpoints';
import { INSTITUTION_SCOPES, type InstitutionScope, type TestingInstitution } from '../../api/projects-types';
import { ErrorAlert } from '../../components/api-error';
import { DivisionCodeItem } from '../../components/division-code-item';
import { ModalForm, useSubmit } from '../../components/modal-form';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../auth/session-context';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';

export default function InstitutionsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const institutions = useAsync(() => listInstitutions(), []);
  const [registering, setRegistering] = useState(false);
  const canManage = user?.role === 'province_officer';

  return (
    <>
      <PageTitle
        title={t('institution.title')}
        sub={t('institution.intro')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={institutions.reload}>
              {t('common.refresh')}
            </Button>
            {canManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="institution-register">
                {t('institution.register')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <ErrorAlert error={institutions.error} />
        <Table<TestingInstitution>
          rowKey="id"
          loading={institutions.loading}
          dataSource={institutions.data ?? []}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
          locale={{ emptyText: t('institution.empty') }}
          data-testid="institutions-table"
          columns={[
            { title: t('institution.name'), dataIndex: 'name' },
            { title: t('register.uscc'), dataIndex: 'uscc', render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
            { title: t('institution.scope'), dataIndex: 'scope', render: (s: string) => t(`institution.scope.${s}` as MessageKey) },
            { title: t('institution.accreditationNumber'), dataIndex: 'accreditationNumber' },
            { title: t('institution.validTo'), dataIndex: 'accreditationValidTo', render: (v: string) => formatDate(v) },
            { title: t('calendar.division'), dataIndex: 'divisionName', render: (n: string | null, i) => n ?? i.divisionCode },
            {
              title: t('common.status'),
              dataIndex: 'accredited',
              render: (ok: boolean) => (
                <Tag color={ok ? 'green' : 'red'} data-testid="institution-accredited" data-accredited={ok ? 'true' : 'false'}>
                  {ok ? t('institution.accredited') : t('institution.lapsed')}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      {registering ? (
        <RegisterDialog
          onCancel={() => setRegistering(false)}
          onDone={() => {
            setRegistering(false);
            institutions.reload();
          }}
        />
      ) : null}
    </>
  );
}

interface RegisterForm {
  name: string;
  uscc: string;
  accreditationNumber: string;
  accreditationValidTo: Dayjs;
  scope: InstitutionScope;
  divisionCode: string;
}

function RegisterDialog({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RegisterForm>();
  const submit = useSubmit(
    (v: RegisterForm) =>
      createInstitution({
        name: v.name.trim(),
        uscc: v.uscc.trim().toUpperCase(),
        accreditationNumber: v.accreditationNumber.trim(),
        accreditationValidTo: v.accreditationValidTo.format('YYYY-MM-DD'),
        scope: v.scope,
        divisionCode: v.divisionCode.trim(),
      }),
    { success: t('institution.registered'), onDone },
  );

  return (
    <ModalForm<RegisterForm>
      form={form}
      width={640}
      title={t('institution.register')}
      okText={t('institution.register')}
      okTestId="institution-confirm"
      busy={submit.busy}
      error={submit.error}
      errorTestId="institution-error"
      onCancel={onCancel}
      initialValues={{ scope: 'provincial', divisionCode: '440000' }}
      onFinish={submit.run}
    >
      <Form.Item name="name" label={t('institution.name')} rules={[{ required: true, whitespace: true, message: t('institution.nameRequired') }]}>
        <Input maxLength={200} data-testid="institution-name" />
      </Form.Item>
      <Form.Item name="uscc" label={t('register.uscc')} rules={[{ required: true, len: 18, message: t('register.usccLength') }]}>
        <Input maxLength={18} data-testid="institution-uscc" />
      </Form.Item>
      <Form.Item name="scope" label={t('institution.scope')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          data-testid="institution-scope"
          options={INSTITUTION_SCOPES.map((s) => ({ value: s, label: t(`institution.scope.${s}` as MessageKey) }))}
        />
      </Form.Item>
      <Form.Item name="accreditationNumber" label={t('institution.accreditationNumber')} rules={[{ required: true, whitespace: true, message: t('institution.numberRequired') }]}>
        <Input maxLength={100} data-testid="institution-number" />
      </Form.Item>
      <Form.Item name="accreditationValidTo" label={t('institution.validTo')} rules={[{ required: true, message: t('institution.validToRequired') }]}>
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="institution-valid-to" aria-label={t('institution.validTo')} />
      </Form.Item>
      <DivisionCodeItem extra={t('institution.divisionHelp')} testId="institution-division" />
    </ModalForm>
  );
}
