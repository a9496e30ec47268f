import { Tag } from 'antd';
import { applicationStatus, certificateStatus, statusLabel } from '../status';
import { useI18n } from '../i18n/i18n-context';

export function ApplicationStatusTag({ status, testId }: { status: string; testId?: string }) {
  const { lang } = useI18n();
  const p = applicationStatus(status);
  return (
    <Tag color={p.tag} data-testid={testId} data-status={status}>
      {statusLabel(p, lang)}
    </Tag>
  );
}

export function CertificateStatusTag({ status, testId }: { status: string; testId?: string }) {
  const { lang } = useI18n();
  const p = certificateStatus(status);
  return (
    <Tag color={p.tag} data-testid={testId} data-status={status}>
      {statusLabel(p, lang)}
    </Tag>
  );
}
