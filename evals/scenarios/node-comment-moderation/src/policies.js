const BASE_TERMS = ['spam', 'scam', 'casino', 'crypto-giveaway', 'free-money', 'click-here', 'miracle-cure', 'adult'];

export function loadPolicies(communities = 40) {
  const policies = new Map();
  for (let c = 0; c < communities; c += 1) {
    const terms = [...BASE_TERMS];
    for (let i = 0; i < 900 + c * 10; i += 1) {
      terms.push(`w${c.toString(36)}${(i * 7919).toString(36)}`);
    }
    policies.set(`community-${c}`, { community: `community-${c}`, terms, holdThreshold: 1, rejectThreshold: 3 });
  }
  return policies;
}
