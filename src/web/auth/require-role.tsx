// Route guard: signed-out users go to the sign-in page (and come back), others see "no access".
import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Link, Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { PageFallback } from '../components/page-fallback';
import { useSession } from './session-context';
import { homePathFor } from './roles';

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { state } = useSession();
  const { t } = useI18n();
  const location = useLocation();

  if (state.status === 'loading') return <PageFallback />;
  if (state.status === 'anonymous') {
    // After a deliberate sign-out the next user starts afresh; otherwise come back here after sign-in.
    if (state.signedOut) return <Navigate to="/login" replace />;
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (!roles.includes(state.user.role)) {
    return (
      <Result
        status="403"
        title={t('error.forbiddenTitle')}
        subTitle={t('error.forbiddenPage')}
        extra={
          <Link to={homePathFor(state.user.role)}>
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return <>{children}</>;
}
