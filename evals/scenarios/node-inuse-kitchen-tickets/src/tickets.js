'use strict';

let sequence = 0;

function modifierText(modifiers) {
  if (!modifiers || modifiers.length === 0) return '';
  return modifiers.map((m) => (m.startsWith('no ') ? m.toUpperCase() : `+ ${m}`)).join(', ');
}

// One ticket per station and order: what the cooks of that station see on screen.
function buildTicket(order, station, lines, now) {
  sequence += 1;
  const items = lines.map((line) => ({
    menuId: line.item.id,
    name: line.item.name,
    quantity: line.quantity,
    seat: line.seat,
    course: line.course,
    modifiers: line.modifiers.slice(),
    display: `${line.quantity} x ${line.item.name.toUpperCase()}${line.modifiers.length ? ' — ' + modifierText(line.modifiers) : ''}`,
    allergens: line.item.allergens.filter((a) => line.modifiers.indexOf(`no ${a}`) === -1),
    fireAt: now + (line.course - 1) * 420000,
  }));
  const header = `#${order.check} ${order.channel.toUpperCase()} T${order.table || '-'} ${order.server}`;
  return {
    id: `${station.code}-${sequence}`,
    orderId: order.id,
    station: station.code,
    header,
    note: order.note ? `NOTE: ${order.note}` : '',
    items,
    printed: items.map((item) => `${item.seat ? 'S' + item.seat + ' ' : ''}${item.display}`).join('\n'),
    rush: order.channel === 'delivery' || items.length > 5,
    receivedAt: now,
    history: [{ at: now, event: 'received', by: 'pos' }],
  };
}

function bumped(ticket, now, by) {
  ticket.bumpedAt = now;
  ticket.history.push({ at: now, event: 'bumped', by });
  return now - ticket.receivedAt;
}

module.exports = { buildTicket, bumped };
