// How a failed request is shown: the server's `detail`, and the article of the Measures when a rule refused.
import { useCallback } from 'react';
import { Alert, App } from 'antd';
import { ApiError } from '../api/client';
import { formatArticle } from '../i18n/article';
import { useI18n, type I18n } from '../i18n/i18n-context';

export interface ErrorText {
  detail: string;
  article?: string;
}

export function describeError(err: unknown, i18n: Pick<I18n, 't' | 'lang'>): ErrorText {
  if (err instanceof ApiError) {
    const detail = err.code === 'NETWORK' ? i18n.t('error.network') : err.detail || err.title || i18n.t('error.unknown');
    return { detail, article: err.article ? formatArticle(err.article, i18n.lang) : undefined };
  }
  return { detail: err instanceof Error && err.message ? err.message : i18n.t('error.unknown') };
}

export function ErrorAlert({ error, testId = 'error-alert' }: { error: unknown; testId?: string }) {
  const i18n = useI18n();
  if (!error) return null;
  const { detail, article } = describeError(error, i18n);
  return (
    <Alert
      type="error"
      showIcon
      title={detail}
      description={article}
      data-testid={testId}
      style={{ marginBottom: 16 }}
    />
  );
}

/** A toast for errors of actions (the page itself stays as it was). */
export function useNotifyError(): (err: unknown) => void {
  const i18n = useI18n();
  const { message } = App.useApp();
  return useCallback(
    (err: unknown) => {
      const { detail, article } = describeError(err, i18n);
      void message.error({ content: article ? `${detail}（${article}）` : detail, duration: 6 });
    },
    [i18n, message],
  );
}
