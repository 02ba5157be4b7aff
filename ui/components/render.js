// Draws the chain map with vis-network (global `vis`), shared by the Streamlit
// component and the standalone HTML export. No network requests, no fonts.

// The map's extent in canvas units: phase headers, lanes, and room for the
// signals and lane names on the left. Used to frame the map and size its box.
function ketenkaartExtent(data) {
  var xs = data.columns.map(function (c) { return c.x; }).concat(data.nodes.map(function (n) { return n.x; }));
  if (!xs.length || !data.lanes.length) { return null; }
  return { left: Math.min.apply(null, xs) - 200, right: Math.max.apply(null, xs) + 160,
           top: data.lanes[0].y_min - 80, bottom: data.lanes[data.lanes.length - 1].y_max + 60 };
}

// options.present: presentation mode (projector): thicker lines, higher contrast, larger markers.
// Node and heading text keeps its size in canvas units (the layout is made for it);
// it grows on screen because presentation mode gives the map the whole window.
function renderKetenkaart(container, data, onSelect, options) {
  options = options || {};
  var present = !!options.present;
  var TEXT = present ? 1.2 : 1;       // edge markers and signal labels
  var LINE = present ? 1.9 : 1;       // line widths
  var FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  var HEAD = 24;                      // lane and phase headings
  var INK = "#111111", FOCUS = "#b3261e";
  var EDGE = present ? "#2b2b2b" : "#7d7d7d";        // 4.3:1 on white at rest; near black on a projector
  var FADED = present ? "#b5b5b5" : "#d2d2d2";
  var pairCount = {};
  // A word too long for a node's width breaks at its middle hyphen, or widens the node:
  // never a break inside a word.
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = "22px " + FACE;
  function fitted(label) {
    var widest = 196;
    var text = label.split(" ").map(function (word) {
      var w = measure.measureText(word).width + 14;
      if (w <= widest) { return word; }
      var cuts = [], i = word.indexOf("-");
      while (i > 0 && i < word.length - 1) { cuts.push(i); i = word.indexOf("-", i + 1); }
      if (cuts.length) {
        var best = cuts.reduce(function (a, b) { return Math.abs(b - word.length / 2) < Math.abs(a - word.length / 2) ? b : a; });
        var parts = [word.slice(0, best + 1), word.slice(best + 1)];
        widest = Math.max(widest, measure.measureText(parts[0]).width + 14, measure.measureText(parts[1]).width + 14);
        return parts.join("\n");
      }
      widest = Math.max(widest, w);
      return word;
    }).join(" ");
    return { text: text, width: Math.ceil(widest) };
  }
  var nodes = data.nodes.map(function (n) {
    var label = n.shape === "triangle" ? { text: n.label, width: 120 } : fitted(n.label);
    var node = {
      id: n.id, label: label.text, title: n.title, x: n.x, y: n.y, fixed: true,
      shape: n.shape, physics: false,
      color: { background: n.colour, border: n.focused ? FOCUS : INK,
               highlight: { background: n.colour, border: FOCUS },
               hover: { background: n.colour, border: FOCUS } },
      borderWidth: (n.focused ? 4 : 1.5) * (present ? 1.6 : 1),
      shapeProperties: { borderDashes: n.dashed_border ? [6 * LINE, 4 * LINE] : false },
      font: { face: FACE, size: 22, color: present ? "#000000" : INK },
      margin: 6,
      widthConstraint: { maximum: label.width },
      opacity: n.faded ? 0.35 : 1
    };
    if (n.shape === "triangle") {
      node.size = 12 * TEXT; node.font = { face: FACE, size: Math.round(15 * TEXT), color: present ? "#000000" : "#333333" };
    }
    return node;
  });
  var labels = {};
  var edges = data.edges.map(function (e) {
    var pair = e.source + "|" + e.target;
    var index = pairCount[pair] = (pairCount[pair] || 0) + 1;
    var colour = e.highlighted ? FOCUS : (e.faded ? FADED : EDGE);
    labels[e.id] = { rest: e.label, full: e.name || e.label };
    return {
      id: e.id, from: e.source, to: e.target, label: e.label, title: e.title,
      arrows: { to: { enabled: true, scaleFactor: present ? 0.9 : 0.75 } },
      dashes: e.dashed ? [8 * LINE, 6 * LINE] : false,
      width: (e.highlighted ? Math.max(4, e.width) : e.width) * LINE,
      color: { color: colour, highlight: FOCUS, hover: FOCUS, inherit: false },
      font: { face: FACE, size: Math.round(18 * TEXT), align: "horizontal", strokeWidth: 4, strokeColor: "#ffffff",
              color: e.faded ? "#8a8a8a" : INK, multi: false },
      smooth: { enabled: true, type: "curvedCW", roundness: 0.12 + 0.14 * (index - 1) }
    };
  });
  var extent = ketenkaartExtent(data);
  // Two invisible corner anchors so "fit" also frames the lanes and phase headers.
  if (extent) {
    [[extent.left, extent.top], [extent.right, extent.bottom]].forEach(function (p, i) {
      nodes.push({ id: "__anchor" + i, x: p[0], y: p[1], fixed: true, physics: false, shape: "dot", size: 0.1,
                   label: "", color: { background: "rgba(0,0,0,0)", border: "rgba(0,0,0,0)" }, chosen: false });
    });
  }
  var edgeSet = new vis.DataSet(edges);
  var network = new vis.Network(container, { nodes: new vis.DataSet(nodes), edges: edgeSet }, {
    physics: false,
    interaction: { hover: true, hoverConnectedEdges: true, tooltipDelay: 150, navigationButtons: false,
                   keyboard: false, multiselect: false, zoomSpeed: 0.6 },
    edges: { selectionWidth: 2 * LINE, hoverWidth: 1.5 * LINE },
    layout: { improvedLayout: false }
  });
  // A shortened label (crowded map) shows in full while the pointer is on the line or it is selected.
  var opened = {};
  function showLabel(id, on) {
    var text = labels[id];
    if (!text || text.rest === text.full || !!opened[id] === on) { return; }
    opened[id] = on;
    edgeSet.update({ id: id, label: on ? text.full : (text.rest || " ") });  // vis keeps the old text for ""
  }
  network.on("hoverEdge", function (p) { showLabel(p.edge, true); });
  network.on("blurEdge", function (p) { if (network.getSelectedEdges().indexOf(p.edge) < 0) { showLabel(p.edge, false); } });
  network.on("select", function (p) {
    Object.keys(opened).forEach(function (id) { if (p.edges.indexOf(id) < 0 || p.nodes.length) { showLabel(id, false); } });
    if (!p.nodes.length) { p.edges.forEach(function (id) { showLabel(id, true); }); }
  });
  network.on("beforeDrawing", function (ctx) {
    if (!extent) { return; }
    var left = extent.left, right = extent.right;
    var top = data.lanes[0].y_min, bottom = data.lanes[data.lanes.length - 1].y_max;
    var font = "bold " + HEAD + "px " + FACE;
    ctx.save();
    data.lanes.forEach(function (lane) {
      ctx.globalAlpha = present ? 0.6 : 0.4;
      ctx.fillStyle = lane.colour;
      ctx.fillRect(left, lane.y_min - 10, right - left, lane.y_max - lane.y_min + 20);
      ctx.globalAlpha = 1;
      ctx.fillStyle = INK;
      ctx.font = font;
      ctx.textAlign = "left";
      ctx.fillText(lane.label, left + 8, lane.y_min + HEAD - 4);
    });
    ctx.font = font;
    ctx.textAlign = "center";
    var width = 200, line = HEAD + 2;
    data.columns.forEach(function (c) {
      ctx.fillStyle = INK;
      var words = c.label.split(" ");
      if (words.length === 1 && ctx.measureText(c.label).width > width) {
        var cut = Math.ceil(c.label.length / 2);
        words = [c.label.slice(0, cut) + "-", c.label.slice(cut)];
      }
      if (words.length > 1 && ctx.measureText(c.label).width > width) {
        var half = Math.ceil(words.length / 2);
        ctx.fillText(words.slice(0, half).join(" ").replace("- ", "-"), c.x, top - 20 - line);
        ctx.fillText(words.slice(half).join(" "), c.x, top - 20);
      } else {
        ctx.fillText(c.label, c.x, top - 20);
      }
      ctx.strokeStyle = present ? "rgba(0,0,0,0.25)" : "rgba(0,0,0,0.12)";
      ctx.lineWidth = LINE;
      ctx.beginPath(); ctx.moveTo(c.x, top - 12); ctx.lineTo(c.x, bottom + 10); ctx.stroke();
    });
    ctx.restore();
  });
  if (onSelect) {
    network.on("click", function (params) {
      if (params.nodes.length && params.nodes[0].indexOf("__anchor") !== 0) { onSelect(params.nodes[0]); }
      else if (params.edges.length) { onSelect(params.edges[0]); }
    });
  }
  network.fit({ animation: false });
  return network;
}

// A PNG of the map on a white background, as a download (no server round trip).
function downloadKetenkaartPng(container, filename) {
  var canvas = container.querySelector("canvas");
  if (!canvas) { return; }
  var out = document.createElement("canvas");
  out.width = canvas.width; out.height = canvas.height;
  var ctx = out.getContext("2d");
  ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  var link = document.createElement("a");
  link.href = out.toDataURL("image/png");
  link.download = filename || "ketenkaart.png";
  document.body.appendChild(link); link.click(); link.remove();
}
