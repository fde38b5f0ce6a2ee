'use strict';

// Minor units per currency (ISO 4217 exponent).
const EXPONENT = { EUR: 2, USD: 2, GBP: 2, CHF: 2, SEK: 2, PLN: 2, JPY: 0, HUF: 2, KWD: 3, CZK: 2 };

function toMajor(minor, currency) {
  return minor / 10 ** (EXPONENT[currency] ?? 2);
}

function toMinor(major, currency) {
  return Math.round(major * 10 ** (EXPONENT[currency] ?? 2));
}

function convert(minor, from, to, rates) {
  if (from === to) return minor;
  const rate = rates[`${from}/${to}`];
  if (rate === undefined) throw new Error(`no rate ${from}/${to}`);
  return toMinor(toMajor(minor, from) * rate, to);
}

function formatAmount(minor, currency, locale, { signed = false } = {}) {
  const digits = EXPONENT[currency] ?? 2;
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: signed ? 'exceptZero' : 'auto',
  });
  return formatter.format(toMajor(minor, currency));
}

function formatRate(rate, locale) {
  return rate.toFixed(6).replace('.', locale.startsWith('en') ? '.' : ',');
}

module.exports = { EXPONENT, toMajor, toMinor, convert, formatAmount, formatRate };
