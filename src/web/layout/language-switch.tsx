import { Segmented } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import type { Lang } from '../i18n/translate';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      aria-label={t('layout.language')}
      data-testid="lang-switch"
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
