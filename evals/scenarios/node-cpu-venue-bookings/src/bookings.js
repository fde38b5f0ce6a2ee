'use strict';

const { validateBooking } = require('./validate');
const { VENUES, Calendar, quote } = require('./venues');

const venuesById = new Map(VENUES.map((venue) => [venue.id, venue]));

class Bookings {
  constructor() {
    this.calendar = new Calendar();
    this.provisional = [];
    this.sequence = 0;
  }

  // POST /bookings
  create(body) {
    const errors = validateBooking(body);
    if (errors.length > 0) return { status: 422, body: { errors } };
    const venue = venuesById.get(body.venue);
    if (!venue) return { status: 404, body: { error: 'unknown venue' } };
    if (body.guests > venue.capacity) return { status: 409, body: { error: `${venue.name} seats at most ${venue.capacity}` } };
    const from = body.startHour;
    const to = body.startHour + body.hours;
    if (!this.calendar.free(venue.id, body.date, from, to)) {
      const alternatives = VENUES.filter((v) => v.capacity >= body.guests && this.calendar.free(v.id, body.date, from, to)).map((v) => v.id);
      return { status: 409, body: { error: 'not available', alternatives } };
    }
    this.sequence += 1;
    const id = `BK-${body.date.replace(/-/g, '')}-${this.sequence}`;
    const price = quote(venue, body);
    this.calendar.hold(venue.id, body.date, from, to, id);
    this.provisional.push({ id, venue: venue.id, date: body.date, organisation: body.organisation, total: price.total });
    if (this.provisional.length > 5000) this.provisional.shift(); // older holds are with sales by now
    return { status: 201, body: { id, venue: venue.name, quote: price, expiresInHours: 48 } };
  }
}

module.exports = { Bookings };
