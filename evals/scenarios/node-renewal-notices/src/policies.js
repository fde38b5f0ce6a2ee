'use strict';

const PRODUCTS = ['Home Essentials', 'Home Plus', 'Landlord Cover'];
const EXTRAS = ['legal expenses', 'home emergency', 'accidental damage', 'bicycle cover', 'garden cover'];
const STREETS = ['Mill Lane', 'Station Road', 'Church Street', 'Victoria Road', 'Park Avenue'];

// Synthetic policies due for renewal, in the batches the mailing worker pulls.
function* dueBatches(size = 50, seed = 23) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  let next = 5000000;
  for (;;) {
    const batch = [];
    for (let i = 0; i < size; i += 1) {
      next += 1;
      const oldPremium = 180 + Math.floor(random() * 600);
      batch.push({
        number: `HP${next}`,
        holder: `Customer ${next} <O'Neil & Sons>`,
        email: `c${next}@mail.example`,
        product: PRODUCTS[Math.floor(random() * PRODUCTS.length)],
        renewsAt: 1769900000000 + Math.floor(random() * 30) * 86400000,
        oldPremium,
        newPremium: oldPremium + Math.floor(random() * 120) - 30,
        directDebit: random() < 0.8,
        address: `${1 + Math.floor(random() * 200)} ${STREETS[Math.floor(random() * STREETS.length)]}, Leeds LS${1 + Math.floor(random() * 28)}`,
        buildingsSum: 250000 + Math.floor(random() * 500000),
        contentsSum: 30000 + Math.floor(random() * 70000),
        excess: [100, 250, 500][Math.floor(random() * 3)],
        noClaimsYears: Math.floor(random() * 9),
        extras: EXTRAS.filter(() => random() < 0.3),
        changes: ['Rebuild costs in your area rose by 6%.', 'Your no-claims discount went up by one year.'].filter(() => random() < 0.7),
        claims: random() < 0.1 ? 1 : 0,
        adviser: random() < 0.5 ? 'Priya Shah' : 'Tom Becker',
      });
    }
    yield batch;
  }
}

module.exports = { dueBatches };
