'use strict';

// Field rules for POST /bookings. Names are what goes on the invoice and the
// door sign, so they are limited to the characters the print shop supports.
const RULES = {
  organisation: { required: true, max: 80, pattern: /^([A-Za-z0-9]+[ &'.-]?)+$/ },
  contactName: { required: true, max: 60, pattern: /^[A-Za-z][A-Za-z' -]*$/ },
  email: { required: true, max: 120, pattern: /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i },
  phone: { required: false, max: 24, pattern: /^\+?[0-9 ()-]{7,20}$/ },
  reference: { required: false, max: 32, pattern: /^[A-Z0-9-]*$/ },
};

function checkField(name, value, errors) {
  const rule = RULES[name];
  if (value == null || value === '') {
    if (rule.required) errors.push({ field: name, error: 'required' });
    return;
  }
  if (typeof value !== 'string') {
    errors.push({ field: name, error: 'must be text' });
    return;
  }
  if (value.length > rule.max) {
    errors.push({ field: name, error: `at most ${rule.max} characters` });
    return;
  }
  if (!rule.pattern.test(value)) errors.push({ field: name, error: 'contains unsupported characters' });
}

function validateBooking(body) {
  const errors = [];
  for (const name of Object.keys(RULES)) checkField(name, body[name], errors);
  if (!Number.isInteger(body.guests) || body.guests < 1) errors.push({ field: 'guests', error: 'must be a positive whole number' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(body.date || '')) errors.push({ field: 'date', error: 'expected YYYY-MM-DD' });
  if (!(body.hours >= 1 && body.hours <= 16)) errors.push({ field: 'hours', error: 'between 1 and 16' });
  return errors;
}

module.exports = { validateBooking, RULES };
