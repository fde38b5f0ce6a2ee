'use strict';

const MENU = [
  { id: 101, name: 'Ribeye 300g', category: 'steak', allergens: [] },
  { id: 102, name: 'Smash burger', category: 'burger', allergens: ['gluten', 'dairy', 'sesame'] },
  { id: 103, name: 'Grilled sea bass', category: 'fish', allergens: ['fish'] },
  { id: 104, name: 'Chicken thigh skewers', category: 'steak', allergens: [] },
  { id: 201, name: 'Skin-on fries', category: 'fries', allergens: [] },
  { id: 202, name: 'Buttermilk chicken', category: 'fried', allergens: ['gluten', 'dairy', 'egg'] },
  { id: 203, name: 'Calamari', category: 'fried', allergens: ['gluten', 'mollusc'] },
  { id: 301, name: 'Caesar salad', category: 'salad', allergens: ['egg', 'fish', 'dairy'] },
  { id: 302, name: 'Burrata & heirloom tomato', category: 'starter', allergens: ['dairy'] },
  { id: 303, name: 'Sticky toffee pudding', category: 'dessert', allergens: ['gluten', 'dairy', 'egg'] },
  { id: 401, name: 'Rigatoni alla vodka', category: 'pasta', allergens: ['gluten', 'dairy'] },
  { id: 402, name: 'Charred broccolini', category: 'side', allergens: ['nuts'] },
  { id: 501, name: 'Negroni', category: 'drink', allergens: [] },
  { id: 502, name: 'House lemonade', category: 'drink', allergens: [] },
];
const MODIFIERS = ['medium rare', 'medium', 'well done', 'no dairy', 'no gluten', 'extra sauce', 'sauce on side', 'no nuts', 'add bacon', 'gluten-free bun', 'no ice'];
const SERVERS = ['Ana', 'Bilal', 'Chen', 'Dara', 'Emeka', 'Fia', 'Goran'];
const NOTES = ['birthday — candle on dessert', 'allergy: severe nuts, please flag', 'VIP table', 'rush please', 'guest in a hurry, mains with starters'];

// Synthetic point-of-sale traffic for a busy dinner service.
function* posOrders(seed = 11) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  for (let n = 1; ; n += 1) {
    const covers = 1 + Math.floor(random() * 6);
    const lines = [];
    for (let seat = 1; seat <= covers; seat += 1) {
      const dishes = 1 + Math.floor(random() * 3);
      for (let d = 0; d < dishes; d += 1) {
        const modifiers = [];
        while (random() < 0.35 && modifiers.length < 3) modifiers.push(pick(MODIFIERS));
        lines.push({ item: pick(MENU), quantity: 1 + Math.floor(random() * 2), seat, course: 1 + Math.floor(random() * 3), modifiers });
      }
    }
    const channel = random() < 0.7 ? 'dine-in' : random() < 0.5 ? 'takeaway' : 'delivery';
    yield {
      id: `o-${n}`,
      check: 4000 + n,
      channel,
      table: channel === 'dine-in' ? 1 + Math.floor(random() * 40) : null,
      server: pick(SERVERS),
      note: random() < 0.2 ? pick(NOTES) : '',
      lines,
    };
  }
}

module.exports = { MENU, posOrders };
