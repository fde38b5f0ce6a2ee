const SPECIAL = /[.*+?^${}()|[\]\\]/g;

function escapeTerm(term) {
  return term.replace(SPECIAL, '\\$&');
}

export function blockedTerms(text, policy) {
  const matcher = new RegExp(`(?<![\\p{L}\\p{N}])(?:${policy.terms.map(escapeTerm).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return text.match(matcher) || [];
}

export function moderate(comment, policy) {
  const hits = blockedTerms(comment.text, policy);
  if (hits.length >= policy.rejectThreshold) return { id: comment.id, decision: 'reject', hits };
  if (hits.length >= policy.holdThreshold) return { id: comment.id, decision: 'hold', hits };
  return { id: comment.id, decision: 'publish', hits };
}
