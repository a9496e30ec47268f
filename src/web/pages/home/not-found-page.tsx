import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n-context';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('error.notFoundTitle')}
      subTitle={t('error.notFoundPage')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
