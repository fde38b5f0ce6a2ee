'use strict';

const { mulberry32 } = require('./formulary');

// What the dispensing screen sends: the name as typed so far (3 to 12
// characters), with the odd typo (a swapped, dropped or doubled letter).
function* typedQueries(products, seed = 9) {
  const rnd = mulberry32(seed);
  for (;;) {
    const product = products[Math.floor(rnd() * products.length)];
    const source = product.brand && rnd() < 0.5 ? product.brand : product.generic;
    let typed = source.slice(0, 3 + Math.floor(rnd() * Math.min(10, source.length - 2)));
    const typo = rnd();
    if (typo < 0.15 && typed.length > 4) {
      const i = 1 + Math.floor(rnd() * (typed.length - 2));
      typed = typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2);
    } else if (typo < 0.25 && typed.length > 4) {
      const i = 1 + Math.floor(rnd() * (typed.length - 1));
      typed = typed.slice(0, i) + typed.slice(i + 1);
    } else if (typo < 0.3) {
      const i = Math.floor(rnd() * typed.length);
      typed = typed.slice(0, i) + typed[i] + typed.slice(i);
    }
    yield { text: typed, includeControlled: rnd() < 0.8 };
  }
}

module.exports = { typedQueries };
