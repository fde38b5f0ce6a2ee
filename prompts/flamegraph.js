/* The HTML report's flame graph: an icicle (callers above callees, widths by total) drawn as
   SVG from the JSON beside it (agent/report/flame_data.py), with click-to-zoom, reset, search
   and hover details. Why this is our own script and not a vendored library: the docstring of
   agent/report/html.py. No network, no global names, no dependency. */
(() => {
  "use strict";
  const box = document.getElementById("flamegraph");
  const source = document.getElementById("flamegraph-data");
  if (!box || !source) return;
  const data = JSON.parse(source.textContent);
  const SVG_NS = "http://www.w3.org/2000/svg";
  const ROW = 20; // px per row; the label font is fixed (FONT px), the width follows the page
  const FONT = 12;
  const PAD = 4; // px between a frame's edge and its label
  const MIN_DRAWN = 0.5; // px: a thinner frame (and what it calls) is not drawn at this zoom
  const ELLIPSIS = "\u2026";

  const svg = box.querySelector("svg.flamegraph");
  const canvas = box.querySelector(".fg-canvas");
  const tooltip = box.querySelector(".fg-tooltip");
  const search = box.querySelector(".fg-search");
  const status = box.querySelector(".fg-status");
  const zoomText = box.querySelector(".fg-zoom");
  const reset = box.querySelector(".fg-reset");

  const col = {};
  data.columns.forEach((name, i) => { col[name] = i; });
  const text = (row, name) => data.strings[row[col[name]]];
  const FLAG = { inRepo: 1, other: 2, cited: 4 };
  const nodes = data.nodes.map((row, id) => ({
    id,
    parent: row[col.parent],
    name: text(row, "name"),
    // The readable name (./src/x.js:derive:12 reads derive); search and colours use name.
    label: text(row, "label"),
    file: text(row, "file"),
    line: row[col.line],
    cum: row[col.cum],
    flat: row[col.flat],
    cumText: text(row, "cum_text"),
    flatText: text(row, "flat_text"),
    flags: row[col.flags],
    rank: row[col.rank],
    finding: row[col.finding],
    merged: row[col.merged],
    base: data.diff ? row[col.base] : 0,
    baseText: data.diff ? text(row, "base_text") : "",
    depth: 0,
    children: [],
  }));
  // Pre-order: a parent always comes before its children, so one pass links and measures.
  for (const node of nodes) {
    if (node.parent >= 0) {
      const parent = nodes[node.parent];
      parent.children.push(node);
      node.depth = parent.depth + 1;
    }
  }
  const root = nodes[0];
  const total = data.total;

  const state = { focus: root, matches: new Set(), term: "" };

  // Label widths are measured with the font the SVG text is drawn in, not guessed per char.
  const measurer = document.createElement("canvas").getContext("2d");
  const widths = new Map();
  function textWidth(label) {
    let width = widths.get(label);
    if (width === undefined) {
      width = measurer.measureText(label).width;
      widths.set(label, width);
    }
    return width;
  }

  // Where a name may be cut: after each "/" of the package path, then after each "." or "::"
  // of the last path element, so the function's own name is what stays longest. Nothing inside
  // brackets is a cut point: "Map[go.shape.int]" is not cut to "…int]".
  function cutPoints(name) {
    const slashes = [];
    let dots = [];
    let depth = 0;
    for (let i = 0; i < name.length - 1; i++) {
      const c = name[i];
      if ("([{<".includes(c)) depth++;
      else if (")]}>".includes(c)) depth = Math.max(depth - 1, 0);
      else if (depth > 0) continue;
      else if (c === "/") {
        slashes.push(i + 1);
        dots = [];
      } else if (c === "." || (c === ":" && name[i + 1] !== ":")) dots.push(i + 1);
    }
    return slashes.concat(dots);
  }

  /* Return the label of a frame `room` px wide: the whole name when it fits, else the name
     shortened from the package side ("…pricing.validCoupon"), else none (never a trailing
     ".."). */
  function fitLabel(name, room) {
    if (textWidth(name) <= room) return name;
    for (const point of cutPoints(name)) {
      const label = ELLIPSIS + name.slice(point);
      if (textWidth(label) <= room) return label;
    }
    // Not even the function's own name fits: a few of its last letters ("…13714" of
    // "func13714") would read as a name of their own, so the frame stays unlabelled.
    return "";
  }

  // A comparison's change of a frame: its total beyond the load-scaled baseline, as points of
  // the current total (the "What changed" table's measure).
  const change = (node) => (100 * (node.cum - data.diff.load_factor * node.base)) / total;

  // Differential: red for growth, green for shrinkage, grey when it stayed; the colour is
  // fullest at the verdict's threshold (saturate_points) and beyond.
  function diffFill(node) {
    const points = change(node);
    const strength = Math.min(Math.abs(points) / data.diff.saturate_points, 1);
    if (strength < 0.05) return "hsl(0, 0%, 82%)";
    const hue = points > 0 ? 0 : 130;
    return `hsl(${hue}, ${Math.round(35 + 50 * strength)}%, ${Math.round(84 - 30 * strength)}%)`;
  }

  // A stable colour per function name (FNV-1a), warm for others' code, blue for the checkout.
  function fill(node) {
    if (data.diff && node.depth > 0) return diffFill(node);
    if (node.depth === 0 || node.flags & FLAG.other) return "#c8c8c8";
    let hash = 2166136261;
    for (let i = 0; i < node.name.length; i++) {
      hash = Math.imul(hash ^ node.name.charCodeAt(i), 16777619) >>> 0;
    }
    const vary = (hash & 0xff) / 255;
    const tone = ((hash >>> 8) & 0xff) / 255;
    if (node.flags & FLAG.inRepo) {
      return `hsl(210, ${Math.round(55 + 25 * vary)}%, ${Math.round(62 + 12 * tone)}%)`;
    }
    return `hsl(${Math.round(10 + 40 * vary)}, ${Math.round(75 + 15 * tone)}%, 62%)`;
  }

  const percent = (value, of) => (of ? ((100 * value) / of).toFixed(2) : "0.00") + "%";

  function element(name, attributes) {
    const made = document.createElementNS(SVG_NS, name);
    for (const key in attributes) made.setAttribute(key, attributes[key]);
    return made;
  }

  function frame(node, x, width, kind) {
    const classes = ["frame"];
    if (node.depth === 0) classes.push("root");
    if (kind) classes.push(kind);
    if (node.flags & FLAG.other) classes.push("other");
    if (node.flags & FLAG.inRepo) classes.push("in-repo");
    if (node.flags & FLAG.cited) classes.push("cited");
    if (state.term) classes.push(state.matches.has(node.id) ? "match" : "dim");
    const y = node.depth * ROW;
    const group = element("g", {
      class: classes.join(" "),
      "data-id": node.id,
      "data-function": node.name,
    });
    if (node.rank) group.setAttribute("data-hot-rank", node.rank);
    if (node.finding) group.setAttribute("data-finding", node.finding);
    if (node.flags & FLAG.inRepo) group.setAttribute("data-in-repo", "true");
    if (data.diff) group.setAttribute("data-change", change(node).toFixed(2));
    group.appendChild(element("rect", {
      x: x.toFixed(2),
      y: y + 1,
      width: Math.max(width - 1, 0.5).toFixed(2),
      height: ROW - 2,
      rx: 2,
      fill: fill(node),
    }));
    const shown = node.flags & FLAG.other ? `other (${node.merged})` : node.label;
    const label = fitLabel(shown, width - 2 * PAD);
    if (label) {
      const written = element("text", { x: (x + PAD).toFixed(2), y: y + ROW / 2 + 1 });
      written.textContent = label;
      group.appendChild(written);
    }
    return group;
  }

  // Draw the focused frame across the width, what it calls below it scaled to it, and its
  // callers above it as full-width rows: the breadcrumb strip that leads back to the root.
  function render() {
    const width = Math.max(canvas.clientWidth, 200);
    measurer.font = `${FONT}px ${getComputedStyle(svg).fontFamily}`;
    widths.clear();
    const drawn = document.createDocumentFragment();
    const strip = [];
    for (let up = state.focus; up.parent >= 0; ) {
      up = nodes[up.parent];
      strip.unshift(up);
    }
    let deepest = state.focus.depth;
    for (const caller of strip) drawn.appendChild(frame(caller, 0, width, "ancestor"));
    const scale = state.focus.cum ? width / state.focus.cum : 0;
    const pending = [[state.focus, 0]];
    while (pending.length) {
      const [node, x] = pending.pop();
      const span = node.cum * scale;
      if (node !== state.focus && span < MIN_DRAWN) continue;
      drawn.appendChild(frame(node, x, span, node === state.focus ? "focus" : ""));
      deepest = Math.max(deepest, node.depth);
      let offset = x;
      for (const child of node.children) {
        pending.push([child, offset]);
        offset += child.cum * scale;
      }
    }
    const height = (deepest + 1) * ROW;
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.querySelectorAll("g.frame").forEach((old) => old.remove());
    svg.appendChild(drawn);
    const zoomed = state.focus !== root;
    reset.disabled = !zoomed;
    zoomText.textContent = zoomed
      ? `Zoomed into ${state.focus.label} (${percent(state.focus.cum, total)} of total)`
      : "";
    showStatus();
  }

  function zoom(node) {
    state.focus = node;
    hideTooltip();
    render();
  }

  // A match's share counts each sample once: a match inside another match (recursion, or a
  // name that matches twice on one stack) is already in its caller's total.
  function find(term) {
    state.term = term;
    state.matches = new Set();
    if (term) {
      const needle = term.toLowerCase();
      for (const node of nodes) {
        if (node.depth > 0 && !(node.flags & FLAG.other)
            && node.name.toLowerCase().includes(needle)) {
          state.matches.add(node.id);
        }
      }
    }
    render();
  }

  function matchedShare(top) {
    let sum = 0;
    const pending = [top];
    while (pending.length) {
      const node = pending.pop();
      if (state.matches.has(node.id)) sum += node.cum;
      else pending.push(...node.children);
    }
    return sum;
  }

  function showStatus() {
    if (!state.term) {
      status.textContent = "";
      return;
    }
    const count = state.matches.size;
    if (!count) {
      status.textContent = "no match";
      return;
    }
    let said = `${count} ${count === 1 ? "match" : "matches"}, `
      + `${((100 * matchedShare(root)) / (total || 1)).toFixed(1)}% of total`;
    if (state.focus !== root) {
      const view = state.focus.cum || 1;
      said += `, ${((100 * matchedShare(state.focus)) / view).toFixed(1)}% of the zoomed frame`;
    }
    status.textContent = said;
  }

  function line(parent, words, className) {
    const row = document.createElement("div");
    if (className) row.className = className;
    row.textContent = words;
    parent.appendChild(row);
  }

  let hovered = null;
  function showTooltip(node, event) {
    if (node !== hovered) fillTooltip(node);
    hovered = node;
    tooltip.hidden = false;
    const area = box.getBoundingClientRect();
    const room = box.clientWidth - tooltip.offsetWidth - 8;
    tooltip.style.left = `${Math.max(0, Math.min(event.clientX - area.left + 12, room))}px`;
    tooltip.style.top = `${event.clientY - area.top + 16}px`;
  }

  function fillTooltip(node) {
    tooltip.replaceChildren();
    line(tooltip, node.flags & FLAG.other
      ? `other: ${node.merged} frames too thin to draw, merged` : node.label, "fg-name");
    if (!(node.flags & FLAG.other) && node.label !== node.name) line(tooltip, node.name, "fg-file");
    if (node.file) line(tooltip, node.line ? `${node.file}:${node.line}` : node.file, "fg-file");
    line(tooltip, `self ${node.flatText} (${percent(node.flat, total)})`);
    line(tooltip, `total ${node.cumText} (${percent(node.cum, total)})`);
    if (state.focus !== root && node.depth > state.focus.depth) {
      line(tooltip, `${percent(node.cum, state.focus.cum)} of the zoomed frame`);
    }
    if (data.diff) {
      const points = change(node);
      line(tooltip, `baseline ${node.baseText} (${percent(node.base, data.diff.baseline_total)})`);
      line(tooltip, `${points >= 0 ? "+" : ""}${points.toFixed(2)} points beyond the load ` +
        `(x${data.diff.load_factor.toFixed(2)})`, "fg-mark");
    }
    if (node.flags & FLAG.inRepo) line(tooltip, "code of this checkout", "fg-mark");
    if (node.rank) line(tooltip, `row #${node.rank} of the top table`, "fg-mark");
    if (node.finding) {
      line(tooltip, `cited by finding ${node.finding}: ${data.findings[node.finding - 1]}`,
        "fg-mark");
    }
  }

  function hideTooltip() {
    tooltip.hidden = true;
    hovered = null;
  }

  const frameOf = (event) => {
    const group = event.target.closest && event.target.closest("g.frame");
    return group ? nodes[Number(group.getAttribute("data-id"))] : null;
  };
  svg.addEventListener("click", (event) => {
    const node = frameOf(event);
    if (node && node !== state.focus) zoom(node);
  });
  svg.addEventListener("mousemove", (event) => {
    const node = frameOf(event);
    if (node) showTooltip(node, event);
    else hideTooltip();
  });
  svg.addEventListener("mouseleave", hideTooltip);
  reset.addEventListener("click", () => zoom(root));
  search.addEventListener("input", () => find(search.value.trim()));
  // Escape zooms out, except in the search field, where it clears the search.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && event.target !== search && state.focus !== root) zoom(root);
  });

  // Re-lay out when the width changes (window resize, a side panel, printing), once a frame.
  let queued = false;
  let laidOut = 0;
  new ResizeObserver(() => {
    if (queued || canvas.clientWidth === laidOut) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      laidOut = canvas.clientWidth;
      render();
    });
  }).observe(canvas);
  if (data.diff) svg.classList.add("differential");
  box.classList.add("ready");
  laidOut = canvas.clientWidth;
  render();
})();
