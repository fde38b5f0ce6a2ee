'use strict';

const ICONS = { email: 'mail', call: 'phone', note: 'sticky-note', ticket: 'life-ring', invoice: 'receipt' };

function relative(iso, nowMs) {
  const days = Math.floor((nowMs - Date.parse(iso)) / 86400000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 30) return `${days} days ago`;
  if (days < 365) return `${Math.floor(days / 30)} months ago`;
  return `${Math.floor(days / 365)} years ago`;
}

function renderEntry(entry, nowMs) {
  return {
    id: entry.id,
    icon: ICONS[entry.type] || 'circle',
    title: entry.subject,
    by: entry.author,
    when: relative(entry.occurredAt, nowMs),
    at: entry.occurredAt,
  };
}

function renderTimeline(timeline, nowMs) {
  return JSON.stringify({
    account: timeline.accountId,
    total: timeline.total,
    pinned: timeline.pinned.map((entry) => renderEntry(entry, nowMs)),
    entries: timeline.entries.map((entry) => renderEntry(entry, nowMs)),
    next: timeline.nextCursor,
  });
}

module.exports = { renderTimeline };
