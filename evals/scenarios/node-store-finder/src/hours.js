'use strict';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function toMinutes(hhmm) {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

// Today's opening hours of a store and whether it is open at `now`.
function today(store, now) {
  const day = DAYS[now.getUTCDay()];
  const slot = store.hours[day];
  if (!slot) return { open: false, label: 'Closed today' };
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  const open = minute >= toMinutes(slot.from) && minute < toMinutes(slot.to);
  return { open, label: `${slot.from}–${slot.to}` };
}

module.exports = { today, DAYS };
