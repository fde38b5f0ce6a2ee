'use strict';

const VENUES = [
  { id: 'ballroom', name: 'The Ballroom', capacity: 400, hourly: 950, minHours: 4 },
  { id: 'rooftop', name: 'Rooftop Terrace', capacity: 150, hourly: 620, minHours: 3 },
  { id: 'library', name: 'The Library', capacity: 40, hourly: 180, minHours: 2 },
  { id: 'studio-a', name: 'Studio A', capacity: 80, hourly: 260, minHours: 2 },
  { id: 'studio-b', name: 'Studio B', capacity: 80, hourly: 260, minHours: 2 },
  { id: 'boardroom', name: 'Boardroom', capacity: 18, hourly: 120, minHours: 1 },
];
const CATERING = { none: 0, coffee: 6.5, lunch: 24, canapes: 31, dinner: 68 };
const WEEKEND_UPLIFT = 1.25;
const VAT = 0.2;

class Calendar {
  constructor() {
    this.holds = new Map(); // `${venue}|${date}` -> [{ from, to, bookingId }]
  }

  free(venueId, date, from, to) {
    const day = this.holds.get(`${venueId}|${date}`) || [];
    return day.every((hold) => to <= hold.from || from >= hold.to);
  }

  hold(venueId, date, from, to, bookingId) {
    const key = `${venueId}|${date}`;
    if (!this.holds.has(key)) this.holds.set(key, []);
    this.holds.get(key).push({ from, to, bookingId });
  }
}

function quote(venue, booking) {
  const day = new Date(`${booking.date}T00:00:00Z`).getUTCDay();
  const hours = Math.max(booking.hours, venue.minHours);
  const hire = venue.hourly * hours * (day === 0 || day === 6 ? WEEKEND_UPLIFT : 1);
  const catering = (CATERING[booking.catering] || 0) * booking.guests;
  const net = Math.round((hire + catering) * 100) / 100;
  return { hours, hire, catering, net, vat: Math.round(net * VAT * 100) / 100, total: Math.round(net * (1 + VAT) * 100) / 100 };
}

module.exports = { VENUES, Calendar, quote };
