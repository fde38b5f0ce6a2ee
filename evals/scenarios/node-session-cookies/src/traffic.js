'use strict';

function* requests(cookies, seed = 7) {
  let state = seed;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  while (true) {
    const slot = Math.floor(rand() * cookies.length);
    const addToCart = rand() < 0.2 ? `SKU-${Math.floor(rand() * 90000)}` : null;
    yield { slot, path: rand() < 0.5 ? '/product' : '/search', addToCart };
  }
}

module.exports = { requests };
