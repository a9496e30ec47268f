// 部门与负责人 (art. 26(1)–(3)): the province registers the departments whose users ask for footage — state
// security (26(1)), emergency (26(2)), other administrative departments (26(3)) — creates their accounts, and names
// the person in charge (负责人) of a department or of an officer's police unit, whose approval art. 26(1) requires.
// Each mark is set or removed with reasons and written to the ledger by the server; nobody marks themselves.
import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { CrownOutlined, PlusOutlined, ReloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { createDepartment, createDepartmentUser, listDepartments, listOfficers, setInCharge } from '../../api/access-endpoints';
import { DEPARTMENT_KINDS, type Department, type DepartmentKind } from '../../api/access-types';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/api-error';
import { DivisionCodeItem } from '../../components/division-code-item';
import { ModalForm, useSubmit } from '../../components/modal-form';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { labelOr } from './access-shared';

/** Whose mark is being changed: a department user or an officer. */
interface Marking {
  userId: string;
  name: string;
  inCharge: boolean;
}

function InChargeDialog({ marking, onCancel, onDone }: { marking: Marking; onCancel: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reasons: string }>();
  const next = !marking.inCharge;
  const submit = useSubmit((v: { reasons: string }) => setInCharge(marking.userId, { inCharge: next, reasons: v.reasons.trim() }), {
    success: t(next ? 'access.dept.marked' : 'access.dept.unmarked'),
    onDone,
  });
  return (
    <ModalForm<{ reasons: string }>
      form={form}
      title={t(next ? 'access.dept.markTitle' : 'access.dept.unmarkTitle', { name: marking.name })}
      okText={t(next ? 'access.dept.mark' : 'access.dept.unmark')}
      okTestId="dept-in-charge-submit"
      danger={!next}
      busy={submit.busy}
      error={submit.error}
      help={t('access.dept.inChargeHelp')}
      onCancel={onCancel}
      onFinish={submit.run}
    >
      <Form.Item name="reasons" label={t('access.dept.reasons')} rules={[{ required: true, whitespace: true, message: t('access.dept.reasonsRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} placeholder={t('access.dept.reasonsPlaceholder')} data-testid="dept-in-charge-reasons" />
      </Form.Item>
    </ModalForm>
  );
}

function DepartmentDialog({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; kind: DepartmentKind; divisionCode: string }>();
  const submit = useSubmit((v: { name: string; kind: DepartmentKind; divisionCode: string }) => createDepartment({ name: v.name.trim(), kind: v.kind, divisionCode: v.divisionCode.trim() }), {
    success: t('access.dept.registered'),
    onDone,
  });
  return (
    <ModalForm<{ name: string; kind: DepartmentKind; divisionCode: string }>
      form={form}
      title={t('access.dept.register')}
      okText={t('access.dept.register')}
      okTestId="dept-register-submit"
      busy={submit.busy}
      error={submit.error}
      onCancel={onCancel}
      initialValues={{ kind: 'administrative' }}
      onFinish={submit.run}
    >
      <Form.Item name="name" label={t('access.dept.name')} rules={[{ required: true, whitespace: true, message: t('access.dept.nameRequired') }]}>
        <Input maxLength={100} data-testid="dept-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('access.dept.kind')} rules={[{ required: true }]}>
        <Select data-testid="dept-kind" options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: t(`access.dept.kind.${k}`) }))} />
      </Form.Item>
      <DivisionCodeItem extra={t('access.dept.divisionHelp')} testId="dept-division" />
    </ModalForm>
  );
}

interface UserForm {
  username: string;
  displayName: string;
  password: string;
}

function UserDialog({ department, onCancel, onDone }: { department: Department; onCancel: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<UserForm>();
  const submit = useSubmit((v: UserForm) => createDepartmentUser(department.id, { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password }), {
    success: t('access.dept.userCreated'),
    onDone,
  });
  return (
    <ModalForm<UserForm>
      form={form}
      title={t('access.dept.addUserTitle', { name: department.name })}
      okText={t('access.dept.addUser')}
      okTestId="dept-user-submit"
      busy={submit.busy}
      error={submit.error}
      onCancel={onCancel}
      onFinish={submit.run}
    >
      <Form.Item name="username" label={t('access.dept.username')} rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{3,64}$/, message: t('access.dept.usernamePattern') }]}>
        <Input maxLength={64} autoComplete="off" data-testid="dept-user-username" />
      </Form.Item>
      <Form.Item name="displayName" label={t('access.dept.displayName')} rules={[{ required: true, whitespace: true, message: t('access.dept.displayNameRequired') }]}>
        <Input maxLength={100} data-testid="dept-user-name" />
      </Form.Item>
      <Form.Item name="password" label={t('access.dept.password')} extra={t('access.dept.passwordHelp')} rules={[{ required: true, message: t('access.dept.passwordRequired') }]}>
        <Input.Password maxLength={200} autoComplete="new-password" data-testid="dept-user-password" />
      </Form.Item>
    </ModalForm>
  );
}

function InChargeTag({ inCharge }: { inCharge: boolean }) {
  const { t } = useI18n();
  return inCharge ? (
    <Tag color="gold" icon={<CrownOutlined />} data-testid="dept-in-charge-tag">
      {t('access.dept.inCharge')}
    </Tag>
  ) : null;
}

function MarkButton({ marking, self, onClick }: { marking: Marking; self: boolean; onClick: (m: Marking) => void }) {
  const { t } = useI18n();
  return (
    <Button size="small" disabled={self} onClick={() => onClick(marking)} data-testid="dept-in-charge-toggle" data-user-id={marking.userId}>
      {t(marking.inCharge ? 'access.dept.unmark' : 'access.dept.mark')}
    </Button>
  );
}

function DepartmentsTab({ onMark, reloadKey }: { onMark: (m: Marking) => void; reloadKey: number }) {
  const { t } = useI18n();
  const { user } = useSession();
  const departments = useAsync(() => listDepartments(), [reloadKey]);
  const [registering, setRegistering] = useState(false);
  const [addingTo, setAddingTo] = useState<Department | null>(null);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="dept-register">
          {t('access.dept.register')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={departments.reload}>
          {t('common.refresh')}
        </Button>
      </Space>
      <ErrorAlert error={departments.error} />
      <Table<Department>
        rowKey="id"
        loading={departments.loading}
        dataSource={departments.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: t('access.dept.empty') }}
        data-testid="dept-table"
        onRow={(d) => ({ 'data-testid': 'dept-row', 'data-department-id': d.id, 'data-name': d.name }) as object}
        columns={[
          { title: t('access.dept.name'), dataIndex: 'name' },
          { title: t('access.dept.kind'), dataIndex: 'kind', width: 200, render: (k: string) => labelOr(t, `access.dept.kind.${k}`, k) },
          { title: t('calendar.division'), dataIndex: 'divisionCode', width: 110, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          { title: t('access.dept.level'), dataIndex: 'level', width: 90, render: (l: string) => labelOr(t, `access.dept.level.${l}`, l) },
          { title: t('access.dept.since'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatDate(v) },
          {
            title: t('access.dept.users'),
            key: 'users',
            render: (_: unknown, d) => (
              <Space orientation="vertical" size={4}>
                {d.users.map((u) => (
                  <Space key={u.id} size={6} wrap data-testid="dept-user" data-username={u.username}>
                    <Typography.Text>{u.displayName}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {u.username}
                    </Typography.Text>
                    <InChargeTag inCharge={u.inCharge} />
                    <MarkButton marking={{ userId: u.id, name: u.displayName, inCharge: u.inCharge }} self={u.id === user?.id} onClick={onMark} />
                  </Space>
                ))}
                <Button size="small" type="link" icon={<UserAddOutlined />} onClick={() => setAddingTo(d)} data-testid="dept-add-user" style={{ paddingLeft: 0 }}>
                  {t('access.dept.addUser')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {registering ? (
        <DepartmentDialog
          onCancel={() => setRegistering(false)}
          onDone={() => {
            setRegistering(false);
            departments.reload();
          }}
        />
      ) : null}
      {addingTo ? (
        <UserDialog
          department={addingTo}
          onCancel={() => setAddingTo(null)}
          onDone={() => {
            setAddingTo(null);
            departments.reload();
          }}
        />
      ) : null}
    </>
  );
}

function OfficersTab({ onMark, reloadKey }: { onMark: (m: Marking) => void; reloadKey: number }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [q, setQ] = useState('');
  const officers = useAsync(() => listOfficers(q.trim() || undefined), [q, reloadKey]);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('access.dept.officersHelp')}</Typography.Paragraph>
      <Input.Search allowClear placeholder={t('access.dept.officerSearch')} onSearch={setQ} style={{ maxWidth: 320, marginBottom: 12 }} data-testid="dept-officer-search" />
      <ErrorAlert error={officers.error} />
      <Table
        rowKey="id"
        loading={officers.loading}
        dataSource={officers.data?.items ?? []}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        data-testid="dept-officers"
        onRow={(o) => ({ 'data-testid': 'dept-officer', 'data-username': o.username }) as object}
        columns={[
          { title: t('access.dept.displayName'), dataIndex: 'displayName' },
          { title: t('access.dept.username'), dataIndex: 'username', render: (u: string) => <Typography.Text type="secondary">{u}</Typography.Text> },
          { title: t('access.dept.policeUnit'), dataIndex: 'policeUnitName', render: (n: string | null, o) => n ?? o.policeUnitId ?? '—' },
          {
            title: t('access.dept.inCharge'),
            key: 'mark',
            width: 200,
            render: (_: unknown, o) => (
              <Space>
                <InChargeTag inCharge={o.inCharge} />
                <MarkButton marking={{ userId: o.id, name: o.displayName, inCharge: o.inCharge }} self={o.id === user?.id} onClick={onMark} />
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

export default function DepartmentsPage() {
  const { t } = useI18n();
  const [marking, setMarking] = useState<Marking | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  return (
    <>
      <PageTitle title={t('access.dept.title')} sub={t('access.dept.sub')} />
      <Card>
        <Tabs
          items={[
            { key: 'departments', label: t('access.dept.tabDepartments'), children: <DepartmentsTab onMark={setMarking} reloadKey={reloadKey} /> },
            { key: 'officers', label: <span data-testid="dept-tab-officers">{t('access.dept.tabOfficers')}</span>, children: <OfficersTab onMark={setMarking} reloadKey={reloadKey} /> },
          ]}
        />
      </Card>
      {marking ? (
        <InChargeDialog
          marking={marking}
          onCancel={() => setMarking(null)}
          onDone={() => {
            setMarking(null);
            setReloadKey((k) => k + 1);
          }}
        />
      ) : null}
    </>
  );
}
