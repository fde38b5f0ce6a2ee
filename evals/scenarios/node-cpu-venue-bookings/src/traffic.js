'use strict';

const FIRST = ['Bright', 'North', 'Blue', 'Silver', 'Harbour', 'Oak', 'Lumen', 'Atlas', 'Nova', 'Red', 'Kite', 'Maple'];
const SECOND = ['wind', 'stone', 'field', 'gate', 'view', 'bridge', 'light', 'side', 'wave', 'point'];
const KIND = ['Events', 'Media', 'Partners', 'Studio', 'Labs', 'Group', 'Works', 'Agency', 'Foundation'];
const SUFFIX = ['', '', '', ' Ltd', ' LLP', ' GmbH', ' Inc', ' Co'];
// what people actually type into the form now and then
const DECORATION = [',', ' (UK)', ' – London', ', Berlin', ' Ltd.,', ' S.à r.l.'];
const PEOPLE = ['Ana Ruiz', 'Tom Becker', "Siobhan O'Neill", 'Priya Nair', 'Lars Holm', 'Mei Chen', 'Jean-Luc Marchand'];
const CATERING = ['none', 'coffee', 'lunch', 'canapes', 'dinner'];
const VENUES = [['ballroom', 400], ['rooftop', 150], ['library', 40], ['studio-a', 80], ['studio-b', 80], ['boardroom', 18]];

// Synthetic enquiries from the public form and the agencies' API.
function* enquiries(seed = 41) {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  for (let n = 0; ; n += 1) {
    let organisation = `${pick(FIRST)}${pick(SECOND)} ${pick(KIND)}${pick(SUFFIX)}`;
    if (random() < 0.16) organisation += pick(DECORATION);
    const contactName = pick(PEOPLE);
    const [venue, seats] = pick(VENUES);
    const year = 2026 + Math.floor(random() * 2);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    yield {
      organisation,
      contactName,
      email: `${contactName.split(' ')[0].toLowerCase().replace(/'/g, '')}@example.com`,
      phone: random() < 0.7 ? `+44 20 7${String(1000000 + Math.floor(random() * 8999999)).slice(1)}` : '',
      reference: random() < 0.3 ? `PO-${1000 + n}` : '',
      venue,
      guests: 2 + Math.floor(random() * seats * 1.05),
      date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      startHour: 8 + Math.floor(random() * 10),
      hours: 1 + Math.floor(random() * 6),
      catering: pick(CATERING),
    };
  }
}

module.exports = { enquiries };
