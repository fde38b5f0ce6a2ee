'use strict';

const KINDS = ['subscription.renewed', 'subscription.cancelled', 'invoice.payment_failed', 'subscription.plan_changed'];

function* eventBatches(directory, size = 200) {
  let n = 0;
  const { accounts } = directory;
  while (true) {
    const batch = [];
    for (let i = 0; i < size; i += 1) {
      n += 1;
      const account = accounts[(n * 48271) % accounts.length];
      batch.push({ id: `ev_${n}`, kind: KINDS[n % KINDS.length], accountId: n % 50 === 0 ? `acct_unknown${n}` : account.id, plan: ['starter', 'pro'][n % 2] });
    }
    yield batch;
  }
}

module.exports = { eventBatches };
