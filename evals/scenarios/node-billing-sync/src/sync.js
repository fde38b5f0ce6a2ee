'use strict';

function applyEvent(account, event) {
  switch (event.kind) {
    case 'subscription.renewed':
      account.renewals += 1;
      break;
    case 'subscription.cancelled':
      account.plan = 'free';
      break;
    case 'invoice.payment_failed':
      account.failures += 1;
      break;
    case 'subscription.plan_changed':
      account.plan = event.plan;
      break;
    default:
      break;
  }
}

function processBatch(batch, directory) {
  const result = { applied: 0, skipped: 0 };
  for (const event of batch) {
    if (!directory.activeIds.includes(event.accountId)) {
      result.skipped += 1;
      continue;
    }
    applyEvent(directory.get(event.accountId), event);
    result.applied += 1;
  }
  return result;
}

module.exports = { processBatch };
