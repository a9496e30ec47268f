// Language state for the whole app: the chosen language is kept in localStorage and drives the
// dictionary, antd's locale, dayjs's locale and the language the server answers errors in.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setApiLanguage } from '../api/client';
import { isLang, translate, type Lang, type MessageKey, type Vars } from './translate';

const STORAGE_KEY = 'jifang.lang';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** Picks the Chinese or the English one of a pair of values the server sent. */
  pick: (zh: string, en: string | undefined | null) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // storage unavailable (private mode): fall back to the default
  }
  return 'zh-CN';
}

function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
  document.title = translate(lang, 'app.name');
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  setApiLanguage(lang === 'en' ? 'en' : 'zh-CN');
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    applyLang(l); // before the first render, so the first API call already asks in the right language
    return l;
  });

  useEffect(() => applyLang(lang), [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still applies to this tab
    }
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (zh, enValue) => (lang === 'en' && enValue ? enValue : zh),
    }),
    [lang, setLang],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
