'use strict';

class AccountDirectory {
  constructor(accounts) {
    this.accounts = accounts;
    this.activeIds = accounts.filter((account) => account.status === 'active').map((account) => account.id);
    this.byId = new Map(accounts.map((account) => [account.id, account]));
  }

  get(id) {
    return this.byId.get(id);
  }
}

function loadAccounts(count = 80000) {
  const accounts = [];
  for (let i = 0; i < count; i += 1) {
    accounts.push({
      id: `acct_${(i * 2654435761 % 4294967296).toString(36)}`,
      plan: ['free', 'starter', 'pro', 'enterprise'][i % 4],
      status: i % 9 === 0 ? 'closed' : 'active',
      renewals: 0,
      failures: 0,
    });
  }
  return new AccountDirectory(accounts);
}

module.exports = { loadAccounts };
