'use strict';

function loadCatalog(count = 3000) {
  const products = new Map();
  for (let i = 0; i < count; i += 1) {
    products.set(`P${i}`, {
      id: `P${i}`,
      names: { en: `Trail shoe ${i}`, de: `Laufschuh ${i}`, fr: `Chaussure ${i}` },
      descriptions: {
        en: `Lightweight trail running shoe number ${i} with a grippy outsole and a breathable mesh upper. `.repeat(3),
        de: `Leichter Trailschuh Nummer ${i} mit griffiger Sohle und atmungsaktivem Obermaterial. `.repeat(3),
        fr: `Chaussure de trail legere numero ${i} avec semelle adherente et tige respirante. `.repeat(3),
      },
      priceEurCents: 5990 + (i % 90) * 100,
      sizes: [38, 39, 40, 41, 42, 43, 44, 45, 46],
      images: Array.from({ length: 6 }, (_, n) => `https://cdn.acme.example/p/${i}/${n}.webp`),
    });
  }
  return products;
}

module.exports = { loadCatalog };
