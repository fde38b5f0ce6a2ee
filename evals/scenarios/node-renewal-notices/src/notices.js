'use strict';

const { fillTemplate } = require('./render');
const { loadTemplates } = require('./templates');

const templates = loadTemplates();
const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function noticeFields(policy) {
  const change = policy.newPremium - policy.oldPremium;
  return {
    locale: 'en-GB',
    brandName: 'Acme Home',
    productName: policy.product,
    holderName: policy.holder,
    policyNumber: policy.number,
    renewalDate: day.format(policy.renewsAt),
    newPremium: money.format(policy.newPremium),
    premiumChange: `${change >= 0 ? 'up' : 'down'} ${money.format(Math.abs(change))}`,
    paymentMethod: policy.directDebit ? 'direct debit' : 'card',
    firstCollection: day.format(policy.renewsAt + 3 * 86400000),
    insuredAddress: policy.address,
    buildingsSum: money.format(policy.buildingsSum),
    contentsSum: money.format(policy.contentsSum),
    excess: money.format(policy.excess),
    noClaimsYears: policy.noClaimsYears,
    extras: policy.extras.length ? policy.extras.join(', ') : 'none',
    changeSummary: policy.changes.join(' '),
    taxRate: '12%',
    taxAmount: money.format(policy.newPremium * 0.12 / 1.12),
    claimsSummary: policy.claims ? `${policy.claims} claim(s) were settled.` : 'No claims were made.',
    servicePhone: '0300 123 4567',
    serviceHours: 'Mon-Fri 8am-8pm, Sat 9am-1pm',
    objectionDeadline: day.format(policy.renewsAt - 86400000),
    adviserName: policy.adviser,
    adviserRef: `ADV-${policy.number.slice(-4)}`,
    wordingVersion: '2025.2',
    messageId: `rn-${policy.number}-${policy.renewsAt}`,
    unsubscribeUrl: `https://home.acme.example/preferences?policy=${policy.number}`,
  };
}

function renderNotice(policy) {
  const html = fillTemplate(templates.get('renewal'), noticeFields(policy));
  return { to: policy.email, subject: `Your ${policy.product} renews soon`, html };
}

module.exports = { renderNotice };
