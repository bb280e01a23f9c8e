import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.ts';
import { nl, type Messages } from './nl.ts';

export type Lang = 'nl' | 'en';

const DICTIONARIES: Record<Lang, Messages> = { nl, en };
const STORAGE_KEY = 'grip.lang';

function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    // localStorage can be blocked; Dutch is the default.
  }
  return 'nl';
}

interface I18n {
  lang: Lang;
  t: Messages;
  setLang(lang: Lang): void;
  /** 12 maart 1948 / 12 March 1948, from an ISO date (YYYY-MM-DD). */
  formatDate(isoDate: string): string;
  /** Date and time in the user's time zone, from an ISO timestamp. */
  formatDateTime(isoTimestamp: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered; the switch still works for this visit.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
    const dateFormat = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    return {
      lang,
      t: DICTIONARIES[lang],
      setLang,
      formatDate: (isoDate) => {
        const date = new Date(`${isoDate}T00:00:00Z`);
        return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date);
      },
      formatDateTime: (isoTimestamp) => {
        const date = new Date(isoTimestamp);
        return Number.isNaN(date.getTime()) ? isoTimestamp : dateTimeFormat.format(date);
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
