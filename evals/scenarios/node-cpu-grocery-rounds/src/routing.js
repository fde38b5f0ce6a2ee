'use strict';

/**
 * The order in which to visit the stops of a round so that the van's drive,
 * from the store (index 0) through every stop and back, is shortest.
 * Returns { order: [stop indexes 1..n-1], km }.
 */
function shortestTour(matrix) {
  const stops = [];
  for (let i = 1; i < matrix.length; i += 1) stops.push(i);
  const best = { order: [], km: stops.length === 0 ? 0 : Infinity };
  if (stops.length > 0) tryOrders(matrix, stops, 0, 0, best);
  return best;
}

/**
 * Extends the route stops[0..depth-1] (driven so far: km) with each of the
 * remaining stops in turn, keeping the shortest complete tour in best.
 */
function tryOrders(matrix, stops, depth, km, best) {
  const from = depth === 0 ? 0 : stops[depth - 1];
  if (depth === stops.length) {
    const total = km + matrix[from][0];
    if (total < best.km) {
      best.km = total;
      best.order = stops.slice();
    }
    return;
  }
  for (let i = depth; i < stops.length; i += 1) {
    let t = stops[depth];
    stops[depth] = stops[i];
    stops[i] = t;
    tryOrders(matrix, stops, depth + 1, km + matrix[from][stops[depth]], best);
    t = stops[depth];
    stops[depth] = stops[i];
    stops[i] = t;
  }
}

module.exports = { shortestTour };
