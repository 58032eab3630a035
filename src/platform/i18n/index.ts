import { common } from './common.ts';

export const locales = ['sv', 'en'] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
  return value === 'sv' || value === 'en';
}

/** A catalogue: Swedish is the source; English must have exactly the same keys (the type checker says so). */
export interface Messages<K extends string> {
  sv: Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<K extends string>(
  sv: Record<K, string>,
  en: Record<NoInfer<K>, string>,
): Messages<K> {
  return { sv, en };
}

export type CommonKey = keyof typeof common.sv;
export type Params = Record<string, string | number>;
// Method syntax makes the key parameter bivariant, so a domain's translator can be handed to shared
// components that take T<string> (they only pass keys of field errors and the common catalogue).
export type T<K extends string> = { translate(key: K | CommonKey, params?: Params): string }['translate'];

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** A translator over a domain's catalogue that falls back to the common one (layout, errors, validation). */
export function translator<K extends string>(messages: Messages<K> | null, locale: Locale): T<K> {
  const own = (messages?.[locale] ?? {}) as Record<string, string>;
  const shared = common[locale] as Record<string, string>;
  return (key, params) => interpolate(own[key] ?? shared[key] ?? key, params);
}

export const commonT = (locale: Locale): T<CommonKey> => translator(null, locale);

/** Domain catalogues registered at start-up (app.ts), for messages shown outside a domain's own pages. */
const registered: Messages<string>[] = [];
export function registerCatalogue(messages: Messages<string>): void {
  if (!registered.includes(messages)) registered.push(messages);
}

/**
 * A translator over every registered catalogue and the common one: for error answers (API problems and
 * error pages), whose keys may come from any domain (e.g. `mapping.locked`).
 */
export function anyT(locale: Locale): T<string> {
  return (key, params) => {
    for (const m of registered) {
      const v = (m[locale] as Record<string, string>)[key];
      if (v !== undefined) return interpolate(v, params);
    }
    return translator(null, locale)(key, params);
  };
}

/** Whether any registered catalogue or the common one has the key. */
export function isKnownKey(key: string): boolean {
  return key in common.sv || registered.some((m) => key in m.sv);
}

/** Is this string a key in the given catalogue or the common one? (Field errors carry keys.) */
export function hasKey(messages: Messages<string> | null, key: string): boolean {
  return key in (messages?.sv ?? {}) || key in common.sv;
}

const numberFormat = new Intl.NumberFormat('sv-SE');
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

const moneyFormat = new Intl.NumberFormat('sv-SE', {
  style: 'currency',
  currency: 'SEK',
  maximumFractionDigits: 0,
});
export function formatMoney(kronor: number): string {
  return moneyFormat.format(kronor);
}

const dateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short' });
const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'short',
});
/** 2026-11-28, in Europe/Stockholm. */
export function formatDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : dateFormat.format(value);
}
/** 2026-11-28 14:05, in Europe/Stockholm. */
export function formatDateTime(value: Date): string {
  return dateTimeFormat.format(value);
}
