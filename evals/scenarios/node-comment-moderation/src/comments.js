const WORDS = ['great', 'post', 'thanks', 'for', 'sharing', 'i', 'think', 'the', 'new', 'release', 'is', 'really', 'good', 'but',
  'battery', 'life', 'could', 'be', 'better', 'anyone', 'else', 'seeing', 'this', 'issue', 'with', 'updates', 'Spam', 'casino'];

export function* incomingComments(communities = 40) {
  let n = 0;
  while (true) {
    n += 1;
    const length = 20 + (n % 40);
    const words = [];
    for (let i = 0; i < length; i += 1) words.push(WORDS[(n * 31 + i * 17) % WORDS.length]);
    yield { id: `c${n}`, community: `community-${n % communities}`, text: words.join(' ') };
  }
}
