'use strict';

const { convert, formatAmount, formatRate } = require('./money');

function statementLine(tx, wallet, rates, balances) {
  balances[tx.currency] = (balances[tx.currency] || 0) + tx.minor;
  const home = convert(tx.minor, tx.currency, wallet.home, rates);
  return {
    id: tx.id,
    date: `${tx.day}`.padStart(2, '0'),
    description: `${tx.kind} ${tx.counterparty}`,
    amount: formatAmount(tx.minor, tx.currency, wallet.locale, { signed: true }),
    inHome: tx.currency === wallet.home ? '' : formatAmount(home, wallet.home, wallet.locale, { signed: true }),
    rate: tx.currency === wallet.home ? '' : formatRate(rates[`${tx.currency}/${wallet.home}`], wallet.locale),
    balance: formatAmount(balances[tx.currency], tx.currency, wallet.locale),
  };
}

function totals(wallet, rates, balances) {
  let homeTotal = 0;
  const perCurrency = wallet.held.map((currency) => {
    const minor = balances[currency] || 0;
    homeTotal += convert(minor, currency, wallet.home, rates);
    return { currency, closing: formatAmount(minor, currency, wallet.locale) };
  });
  return { perCurrency, home: formatAmount(homeTotal, wallet.home, wallet.locale) };
}

function renderStatement({ wallet, rates, month }) {
  const balances = {};
  const lines = wallet.transactions.map((tx) => statementLine(tx, wallet, rates, balances));
  const summary = totals(wallet, rates, balances);
  return { wallet: wallet.id, month, locale: wallet.locale, lines, summary };
}

module.exports = { renderStatement };
